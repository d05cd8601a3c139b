package io.modelcatalogbridge.cli;

import io.modelcatalogbridge.role.RoleName;
import io.modelcatalogbridge.serve.http.RoleNames;
import picocli.CommandLine.Command;

/** The {@code normalizer} role. */
@Command(
        name = RoleNames.NORMALIZER,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        defaultValueProvider = NormalizerCommand.Defaults.class,
        description =
                "Reads model registries, the model catalog and KServe, renders catalog documents and sends them to storage.")
public class NormalizerCommand extends RoleCommand {

    /** Documents the role's default port in {@code --help}. */
    static final class Defaults extends RoleDefaults {
        Defaults() {
            super(RoleName.NORMALIZER.defaultPort());
        }
    }
}
