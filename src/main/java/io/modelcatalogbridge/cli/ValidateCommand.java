package io.modelcatalogbridge.cli;

import io.modelcatalogbridge.render.DocumentValidator;
import io.modelcatalogbridge.render.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code validate FILE...}: model-catalog JSON against the catalog schema, catalog-info YAML against Backstage's
 * entity rules. A directory is searched for {@code .json}, {@code .yaml} and {@code .yml} files. Exit 0 when no
 * error was found (warnings are printed but do not fail), 1 with one line per problem otherwise.
 */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Validates model-catalog.json files against the catalog schema and catalog-info.yaml files "
                + "against Backstage's entity rules. Directories are searched recursively.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:all files valid",
            "1:at least one problem (one line each: file: pointer: reason)",
            "2:usage error: a path that does not exist, or a directory without catalog files"
        })
public class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files or directories to validate.")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> expanded = new ArrayList<>();
        List<String> usage = new ArrayList<>();
        for (Path p : files) {
            if (!Files.exists(p)) {
                usage.add(p + ": no such file or directory");
            } else if (Files.isDirectory(p)) {
                List<Path> found = catalogFiles(p, usage);
                if (found.isEmpty()) {
                    usage.add(p + ": no catalog files in this directory (looked for *.json, *.yaml, *.yml)");
                }
                expanded.addAll(found);
            } else {
                expanded.add(p);
            }
        }
        if (!usage.isEmpty()) {
            usage.forEach(u -> err.println("validate: " + u));
            err.flush();
            return 2;
        }
        List<Problem> problems = DocumentValidator.validate(expanded);
        problems.forEach(out::println);
        boolean failed = DocumentValidator.hasErrors(problems);
        err.println(String.format(
                Locale.ROOT,
                "%d file(s) checked, %d error(s), %d warning(s)",
                expanded.size(),
                problems.stream().filter(Problem::isError).count(),
                problems.stream().filter(p -> !p.isError()).count()));
        out.flush();
        return failed ? 1 : 0;
    }

    /** The catalog files under a directory, sorted; an unreadable directory is a usage problem. */
    private static List<Path> catalogFiles(Path dir, List<String> usage) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(ValidateCommand::isCatalogFile)
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            usage.add(dir + ": cannot read directory (" + e.getMessage() + ")");
            return List.of();
        }
    }

    private static boolean isCatalogFile(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".json") || n.endsWith(".yaml") || n.endsWith(".yml");
    }
}
