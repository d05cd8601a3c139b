package io.modelcatalogbridge.cli;

import io.modelcatalogbridge.role.RoleName;
import io.modelcatalogbridge.serve.http.RoleNames;
import picocli.CommandLine.Command;

/** The {@code storage} role. */
@Command(
        name = RoleNames.STORAGE,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        defaultValueProvider = StorageCommand.Defaults.class,
        description = "Stores catalog documents (ConfigMap or file store) and forwards them to location.")
public class StorageCommand extends RoleCommand {

    /** Documents the role's default port in {@code --help}. */
    static final class Defaults extends RoleDefaults {
        Defaults() {
            super(RoleName.STORAGE.defaultPort());
        }
    }
}
