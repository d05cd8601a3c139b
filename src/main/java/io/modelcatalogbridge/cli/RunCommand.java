package io.modelcatalogbridge.cli;

import io.modelcatalogbridge.role.RoleName;
import io.modelcatalogbridge.serve.http.RoleNames;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code run}: the three roles in one process. The options below are applied by {@link Main} before Quarkus starts
 * (ports must be known before the HTTP server is up); they are declared here so that picocli accepts and documents
 * them.
 */
@Command(
        name = RoleNames.RUN,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        defaultValueProvider = RunCommand.Defaults.class,
        description = "Runs normalizer, storage and location in one process: documents pass between them in "
                + "memory; location answers on --port, storage's API on --storage-port, the normalizer's metrics "
                + "on --normalizer-port. Without Kubernetes configuration it stores documents in files "
                + "(STORAGE_DIR).")
public class RunCommand extends RoleCommand {

    @Option(
            names = "--storage-port",
            paramLabel = "PORT",
            defaultValue = "7070",
            description = "Port of storage's REST API (default: ${DEFAULT-VALUE}).")
    int storagePort;

    @Option(
            names = "--normalizer-port",
            paramLabel = "PORT",
            defaultValue = "8080",
            description = "Port of the normalizer's metrics and health (default: ${DEFAULT-VALUE}).")
    int normalizerPort;

    @Option(
            names = "--registry",
            paramLabel = "URL|DIR",
            description = "Model registry to sync: a KFMR base URL (optionally NAME=URL) or a registry snapshot "
                    + "directory. Repeatable. Adds to MODEL_REGISTRY_URLS / MR_ROUTE discovery.")
    List<String> registries;

    @Option(names = "--catalog-url", paramLabel = "URL", description = "Model catalog base URL (model cards).")
    String catalogUrl;

    /** Documents location's default port in {@code --help}. */
    static final class Defaults extends RoleDefaults {
        Defaults() {
            super(RoleName.RUN.defaultPort());
        }
    }
}
