package io.modelcatalogbridge.role;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The long-running roles, each with its command-line name and the port it listens on by default (the Go bridge's
 * ports). The one list of role names: commands, bean selection, port routing and launch settings all read it.
 */
public enum RoleName {
    NORMALIZER(Names.NORMALIZER, 8080),
    STORAGE(Names.STORAGE, 7070),
    LOCATION(Names.LOCATION, 9090),
    RUN(Names.RUN, 9090);

    /**
     * The names as compile-time constants, for annotations ({@code @Command(name = …)}, {@code @LookupIfProperty}),
     * which cannot take an enum's field.
     */
    public static final class Names {
        public static final String NORMALIZER = "normalizer";
        public static final String STORAGE = "storage";
        public static final String LOCATION = "location";
        public static final String RUN = "run";

        private Names() {}
    }

    /** Config key holding the active role's name; set by {@code cli.Main} before Quarkus starts. */
    public static final String PROPERTY = "app.role";

    private final String cliName;
    private final int defaultPort;

    RoleName(String cliName, int defaultPort) {
        this.cliName = cliName;
        this.defaultPort = defaultPort;
    }

    /** The subcommand, the {@code app.role} value and the internal resource prefix ({@code /storage}). */
    public String cliName() {
        return cliName;
    }

    public int defaultPort() {
        return defaultPort;
    }

    @Override
    public String toString() {
        return cliName;
    }

    /** The role a command-line word names; empty for one-shot commands ({@code export}, {@code validate}). */
    public static Optional<RoleName> of(String name) {
        return Arrays.stream(values()).filter(r -> r.cliName.equals(name)).findFirst();
    }

    /** Every role's default port by name. */
    public static Map<String, Integer> defaultPorts() {
        return Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(RoleName::cliName, RoleName::defaultPort));
    }
}
