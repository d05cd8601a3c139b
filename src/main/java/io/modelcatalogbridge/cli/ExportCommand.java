package io.modelcatalogbridge.cli;

import io.modelcatalogbridge.model.MappingSettings;
import io.modelcatalogbridge.render.Renderer;
import io.modelcatalogbridge.render.Renderers;
import io.modelcatalogbridge.render.UnknownFormatException;
import io.modelcatalogbridge.source.kfmr.KfmrException;
import io.modelcatalogbridge.source.kfmr.KfmrFormatException;
import io.modelcatalogbridge.source.kserve.KServeDeployments;
import io.modelcatalogbridge.source.snapshot.RegistrySnapshot;
import io.modelcatalogbridge.source.snapshot.SnapshotDirectory;
import io.modelcatalogbridge.sync.CatalogAssembler;
import io.modelcatalogbridge.sync.MappingConfig;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code export}: reads one or more registries (live KFMR REST, or snapshot directories), renders every document
 * exactly as the normalizer would, and writes them to stdout or to a directory laid out like the Go-era URIs.
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Reads Kubeflow Model Registries (REST or snapshot directories) and renders every catalog "
                + "document, offline and without touching any catalog.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:documents written",
            "1:a registry could not be read (unreachable, 401, 5xx, …)",
            "2:usage error, or a malformed snapshot (the message names the file and position)"
        })
public class ExportCommand implements Callable<Integer> {

    @Option(
            names = "--registry",
            required = true,
            paramLabel = "URL|DIR",
            description = "KFMR base URL (optionally NAME=URL) or registry snapshot directory. Repeatable.")
    List<String> registries;

    @Option(
            names = "--catalog-url",
            paramLabel = "URL",
            description = "Model catalog base URL, to fetch model cards of catalog-registered models.")
    String catalogUrl;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Write one file per document under DIR/<seg1>/<seg2>/<file> instead of stdout.")
    Path out;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description =
                    "JsonArrayFormat or CatalogInfoYamlFormat (default: NORMALIZER_FORMAT, else JsonArrayFormat).")
    String format;

    @Option(
            names = "--save-snapshot",
            paramLabel = "DIR",
            description = "Also save what was read as a registry snapshot directory (one registry only).")
    Path saveSnapshot;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "File holding the bearer token for the registry (default: KFMR_TOKEN).")
    Path tokenFile;

    @Option(names = "--ca-bundle", paramLabel = "FILE", description = "PEM file with extra trusted CA certificates.")
    Path caBundle;

    @Option(names = "--insecure-skip-tls-verify", description = "Do not verify the registry's TLS certificate.")
    boolean insecure;

    @Option(
            names = "--page-size",
            paramLabel = "N",
            defaultValue = "100",
            description = "KFMR page size (default: ${DEFAULT-VALUE}).")
    int pageSize;

    @Spec
    CommandSpec spec;

    @Inject
    MappingConfig mapping;

    @ConfigProperty(name = "bridge.export.token")
    Optional<String> envToken;

    @Override
    public Integer call() {
        Renderer renderer = renderer();
        if (saveSnapshot != null && registries.size() != 1) {
            throw new ParameterException(spec.commandLine(), "--save-snapshot takes exactly one --registry");
        }
        PrintWriter err = spec.commandLine().getErr();
        try {
            List<RegistrySnapshot> snapshots = new ArrayList<>();
            for (String r : registries) {
                snapshots.add(RegistryInput.parse(r, catalogUrl, tokenFile, envToken, caBundle, insecure, pageSize)
                        .read());
            }
            if (saveSnapshot != null) {
                SnapshotDirectory.write(saveSnapshot, snapshots.get(0));
                err.println("saved registry snapshot to " + saveSnapshot);
            }
            CatalogAssembler.Assembly assembly = CatalogAssembler.assemble(
                    snapshots.stream().map(RegistrySnapshot::registry).toList(),
                    snapshots.stream()
                            .flatMap(s -> KServeDeployments.extract(s.kserve()).stream())
                            .toList(),
                    settings());
            assembly.problems().forEach(p -> err.println("warning: " + p));
            assembly.unserved().forEach(u -> err.println("warning: " + u.message()));
            DocumentOutput output = new DocumentOutput(renderer);
            if (out == null) {
                output.toStream(assembly.documents(), System.out);
            } else {
                output.toDirectory(assembly.documents(), out);
                err.println("wrote " + assembly.documents().size() + " document(s) to " + out);
            }
            return 0;
        } catch (KfmrFormatException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (RegistryInput.InputException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (KfmrException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (UncheckedIOException e) {
            err.println("error: " + describe(e.getCause()));
            return 1;
        }
    }

    private Renderer renderer() {
        String name = format != null ? format : mapping.format();
        try {
            return Renderers.require(name);
        } catch (UnknownFormatException e) {
            throw new ParameterException(
                    spec.commandLine(), e.getMessage() + (format == null ? " (from NORMALIZER_FORMAT)" : ""));
        }
    }

    private MappingSettings settings() {
        return mapping.settings();
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
