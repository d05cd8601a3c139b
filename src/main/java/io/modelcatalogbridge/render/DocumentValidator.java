package io.modelcatalogbridge.render;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Validates catalog files by extension: {@code .json} as a model-catalog document (schema plus the rules RHDH's
 * catalog module needs), {@code .yaml}/{@code .yml} as Backstage entities. Bad input is reported as
 * {@link Problem}s, never thrown; an empty list means the file is clean.
 */
public final class DocumentValidator {

    private DocumentValidator() {}

    /**
     * Problems of several files, in argument order, then the relations among their entities that point at none of
     * them. Entities are checked across files: one defined in two files is an error, as in Backstage.
     */
    public static List<Problem> validate(List<Path> files) {
        List<Problem> all = new ArrayList<>();
        EntitySet entities = new EntitySet();
        files.forEach(f -> all.addAll(validate(f, entities)));
        all.addAll(entities.dangling());
        return all;
    }

    /** Problems of one file; an unreadable file or an unknown extension is one problem. */
    public static List<Problem> validate(Path file) {
        return validate(List.of(file));
    }

    private static List<Problem> validate(Path file, EntitySet entities) {
        String label = file.toString();
        if (kindOf(label) == Kind.UNSUPPORTED) {
            return List.of(unsupported(label));
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException | SecurityException e) {
            return List.of(Problem.error(label, "", "cannot read file: " + describe(e)));
        }
        return validate(label, content, entities);
    }

    /**
     * Problems of in-memory content; {@code fileName} picks the format by its extension and labels the problems.
     * Used for our own rendered output as well ({@link Renderer#fileName()} names the right format).
     */
    public static List<Problem> validate(String fileName, byte[] content) {
        EntitySet entities = new EntitySet();
        List<Problem> problems = new ArrayList<>(validate(fileName, content, entities));
        problems.addAll(entities.dangling());
        return problems;
    }

    private static List<Problem> validate(String fileName, byte[] content, EntitySet entities) {
        Kind kind = kindOf(fileName);
        if (kind == Kind.JSON) {
            return CatalogJsonValidator.validate(fileName, content);
        }
        if (kind == Kind.YAML) {
            return EntityYamlValidator.validate(fileName, content, entities);
        }
        return List.of(unsupported(fileName));
    }

    /** Whether any problem is an error (warnings alone leave a file usable). */
    public static boolean hasErrors(List<Problem> problems) {
        return problems.stream().anyMatch(Problem::isError);
    }

    private enum Kind {
        JSON,
        YAML,
        UNSUPPORTED
    }

    private static Kind kindOf(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".json")) {
            return Kind.JSON;
        }
        return n.endsWith(".yaml") || n.endsWith(".yml") ? Kind.YAML : Kind.UNSUPPORTED;
    }

    private static Problem unsupported(String label) {
        return Problem.error(
                label,
                "",
                "unsupported file type: expected .json (model catalog) or .yaml/.yml " + "(Backstage entities)");
    }

    private static String describe(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
