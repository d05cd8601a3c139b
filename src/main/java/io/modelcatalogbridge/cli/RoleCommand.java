package io.modelcatalogbridge.cli;

import io.modelcatalogbridge.role.ActiveRole;
import io.quarkus.runtime.Quarkus;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/**
 * Shared shell of the long-running roles: the role bean was started with the application
 * ({@code role.RoleLifecycle}); wait for SIGTERM/SIGINT and exit 0. The port is
 * applied by {@link Main} before Quarkus starts; the option is declared here so picocli accepts and documents it.
 * A launch {@link Main} reads completely never gets here ({@link Main#isPlainRoleLaunch}): it waits the same way.
 */
abstract class RoleCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Inject
    ActiveRole activeRole;

    @Override
    public Integer call() {
        activeRole
                .get()
                .orElseThrow(() -> new IllegalStateException(
                        "no role bean for " + activeRole.name().orElse("?")));
        Quarkus.waitForExit();
        return 0;
    }
}
