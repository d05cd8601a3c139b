package io.modelcatalogbridge.role;

import io.modelcatalogbridge.serve.http.RoleNames;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The long-running roles, each with its command-line name and the port it listens on by default (the Go bridge's
 * ports), built on the names in {@link RoleNames}: commands, bean selection, port routing and launch settings all
 * read it.
 */
public enum RoleName {
    NORMALIZER(RoleNames.NORMALIZER, 8080),
    STORAGE(RoleNames.STORAGE, 7070),
    LOCATION(RoleNames.LOCATION, 9090),
    RUN(RoleNames.RUN, 9090);

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
