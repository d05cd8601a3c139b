package io.modelcatalogbridge.cli;

import io.modelcatalogbridge.role.RoleName;
import io.modelcatalogbridge.serve.http.RoleNames;
import picocli.CommandLine.Command;

/** The {@code location} role. */
@Command(
        name = RoleNames.LOCATION,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        defaultValueProvider = LocationCommand.Defaults.class,
        description = "Serves catalog documents to Developer Hub's model catalog module (both contract generations).")
public class LocationCommand extends RoleCommand {

    /** Documents the role's default port in {@code --help}. */
    static final class Defaults extends RoleDefaults {
        Defaults() {
            super(RoleName.LOCATION.defaultPort());
        }
    }
}
