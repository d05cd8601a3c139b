package io.modelcatalogbridge.cli;

import picocli.CommandLine;

/** Default value provider giving {@code --port} the role's default port. */
abstract class RoleDefaults implements CommandLine.IDefaultValueProvider {
    private final int port;

    RoleDefaults(int port) {
        this.port = port;
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec argSpec) {
        return argSpec.isOption() && "--port".equals(((CommandLine.Model.OptionSpec) argSpec).longestName())
                ? Integer.toString(port)
                : null;
    }
}
