package io.modelcatalogbridge.cli;

import io.modelcatalogbridge.role.ActiveRole;
import io.modelcatalogbridge.role.RoleName;
import io.modelcatalogbridge.serve.http.RoleNames;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Entry point. Quarkus starts its HTTP server before picocli runs a command, so everything that decides whether
 * and where to listen has to be settled here, from the raw arguments, before {@link Quarkus#run}: the role's
 * default port (or {@code --port}), and no listener at all for one-shot commands ({@code export}, {@code validate},
 * {@code --help}, {@code --version}).
 */
@QuarkusMain
public class Main implements QuarkusApplication {

    /** Long-running roles and the port each listens on by default (the Go bridge's ports). */
    public static final Map<String, Integer> ROLE_PORTS = RoleName.defaultPorts();

    /** picocli's standard options: they print and exit, on every command. */
    private static final Set<String> PRINT_AND_EXIT = Set.of("-h", "--help", "-V", "--version");

    /** Set for role launches: the role's ports are served by {@code serve.http.RoleServers}. */
    public static final String SERVE_ROLE_PORTS = "bridge.http.serve-role-ports";

    /** Every option a role launch may carry; all take a value, and {@code run} has all of them. */
    private static final Set<String> OPTIONS_WITH_VALUE =
            Set.of("--port", "--storage-port", "--normalizer-port", "--registry", "--catalog-url");

    /** The option every long-running role has; {@code run} has all of {@link #OPTIONS_WITH_VALUE}. */
    private static final Set<String> ROLE_OPTIONS = Set.of("--port");

    private static final Set<String> PORT_OPTIONS = Set.of("--port", "--storage-port", "--normalizer-port");

    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    /** Built only when picocli has something to do: building it loads and verifies ~170 picocli classes. */
    @Inject
    Instance<CommandLine> commandLine;

    @Inject
    ActiveRole activeRole;

    public static void main(String... args) {
        Map<String, String> props = launchProperties(args, System.getenv());
        Map<String, String> previous = new HashMap<>();
        props.forEach((k, v) -> previous.put(k, System.setProperty(k, v)));
        try {
            Quarkus.run(Main.class, args);
        } finally {
            // Only reached in tests (in production Quarkus.run ends in System.exit): do not leak into the next launch.
            previous.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }

    /** System properties for one launch, derived from the arguments and the environment. */
    static Map<String, String> launchProperties(String[] args, Map<String, String> env) {
        String command = firstCommand(args);
        Map<String, String> props = new HashMap<>();
        // --help and --version only print: no role is started (no listener, no files, no sync, no storage call).
        boolean printOnly = printsAndExits(args);
        props.put(RoleNames.PROPERTY, command == null || printOnly ? "" : command);
        Integer defaultPort = command == null || printOnly ? null : ROLE_PORTS.get(command);
        if (defaultPort == null) {
            props.put("quarkus.http.host-enabled", "false");
            props.put("quarkus.scheduler.enabled", "false");
            // A one-shot command's stderr is for its own messages, not for start-up and shutdown lines.
            props.put("quarkus.log.level", "WARN");
            return props;
        }
        if (command.equals(RoleName.RUN.cliName())) {
            runProperties(args, props);
        }
        // The role ports are served by serve.http.RoleServers (time limits, JSON answers to malformed requests,
        // graceful stop), not by Quarkus' own listener; quarkus.http.port still names the role's main port.
        props.put("quarkus.http.host-enabled", "false");
        props.put(SERVE_ROLE_PORTS, "true");
        String port = option(args, "--port");
        if (port != null) {
            props.put("quarkus.http.port", port);
        } else if (!env.containsKey("QUARKUS_HTTP_PORT")) {
            props.put("quarkus.http.port", Integer.toString(defaultPort));
        }
        return props;
    }

    /** Whether picocli will only print help or the version: a standard option that is not an option's value. */
    static boolean printsAndExits(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (OPTIONS_WITH_VALUE.contains(args[i])) {
                i++;
            } else if ("--".equals(args[i])) {
                return false;
            } else if (PRINT_AND_EXIT.contains(args[i])) {
                return true;
            }
        }
        return false;
    }

    static String firstCommand(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (OPTIONS_WITH_VALUE.contains(a)) {
                i++;
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    /**
     * {@code run} hosts all roles: storage and normalizer get extra ports, storage hands changes to location in
     * process (no forwarding over HTTP), and {@code --registry}/{@code --catalog-url} feed the normalizer. Like the
     * port, these are needed while Quarkus starts, before picocli runs.
     */
    private static void runProperties(String[] args, Map<String, String> props) {
        props.put("bridge.forward.enabled", "false");
        putIfPresent(props, "bridge.run.storage-port", option(args, "--storage-port"));
        putIfPresent(props, "bridge.run.normalizer-port", option(args, "--normalizer-port"));
        putIfPresent(props, "bridge.registry.urls", String.join(",", options(args, "--registry")));
        putIfPresent(props, "bridge.registry.catalog-url", option(args, "--catalog-url"));
    }

    private static void putIfPresent(Map<String, String> props, String key, String value) {
        if (value != null && !value.isEmpty()) {
            props.put(key, value);
        }
    }

    static String option(String[] args, String name) {
        List<String> all = options(args, name);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** Every value of a repeatable option, given as {@code --name value} or {@code --name=value}. */
    static List<String> options(String[] args, String name) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name) && i + 1 < args.length) {
                values.add(args[++i]);
            } else if (args[i].startsWith(name + "=")) {
                values.add(args[i].substring(name.length() + 1));
            }
        }
        return values;
    }

    /**
     * A role launch that {@link #launchProperties} has read completely: its role, and only that role's options, each
     * with a well-formed value. picocli would only accept it and wait ({@code RoleCommand}); everything else (a
     * misspelt or misplaced option, {@code --help}, a one-shot command) goes to picocli, which reports it.
     */
    static boolean isPlainRoleLaunch(String[] args) {
        if (args.length == 0 || !ROLE_PORTS.containsKey(args[0])) {
            return false;
        }
        Set<String> allowed = args[0].equals(RoleName.RUN.cliName()) ? OPTIONS_WITH_VALUE : ROLE_OPTIONS;
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            String value;
            int eq = name.indexOf('=');
            if (name.startsWith("--") && eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return false;
            }
            if (!allowed.contains(name) || value.isEmpty() || value.startsWith("-")) {
                return false;
            }
            if (PORT_OPTIONS.contains(name) && !PORT.matcher(value).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * A plain role launch skips picocli: its classes are Java 5 bytecode, which JDK 17 neither keeps in the role's
     * class-data archive, so each launch parsed and verified ~170 of them to build a command tree it never used.
     * Skipping them saves 2-3 MiB per role at rest; start-up time did not measurably change (docs/benchmarks.md,
     * "Role launches without picocli"). The role was started with the
     * application ({@code role.RoleLifecycle}); as {@code RoleCommand} does, wait for SIGTERM/SIGINT and exit 0.
     */
    @Override
    public int run(String... args) {
        if (isPlainRoleLaunch(args) && activeRole.get().isPresent()) {
            Quarkus.waitForExit();
            return 0;
        }
        return commandLine.get().execute(args);
    }
}
