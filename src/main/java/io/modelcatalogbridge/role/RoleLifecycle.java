package io.modelcatalogbridge.role;

import io.modelcatalogbridge.serve.http.HttpConfig;
import io.modelcatalogbridge.serve.http.RoleServers;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts the active role when the application starts and stops it on shutdown. Lives here, not on the role beans,
 * because an observer method on a role bean would create that bean in every role. Works the same under the CLI and
 * under {@code @QuarkusTest} with {@code app.role} set by a test profile.
 */
@ApplicationScoped
public class RoleLifecycle {

    private static final Logger LOG = Logger.getLogger(RoleLifecycle.class);

    private final ActiveRole activeRole;
    private final RoleServers servers;
    private final JvmMeters jvmMeters;
    private final boolean servePorts;
    private final int port;
    private final int storagePort;
    private final int normalizerPort;

    RoleLifecycle(
            ActiveRole activeRole,
            RoleServers servers,
            JvmMeters jvmMeters,
            HttpConfig http,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port,
            @ConfigProperty(name = "bridge.run.storage-port", defaultValue = "7070") int storagePort,
            @ConfigProperty(name = "bridge.run.normalizer-port", defaultValue = "8080") int normalizerPort) {
        this.activeRole = activeRole;
        this.servers = servers;
        this.jvmMeters = jvmMeters;
        this.servePorts = http.serveRolePorts();
        this.port = port;
        this.storagePort = storagePort;
        this.normalizerPort = normalizerPort;
    }

    /** The ports of a role: its own, or all three for {@code run}. */
    private Map<RoleName, Integer> ports(RoleName role) {
        if (role == RoleName.RUN) {
            Map<RoleName, Integer> all = new LinkedHashMap<>();
            all.put(RoleName.LOCATION, port);
            all.put(RoleName.STORAGE, storagePort);
            all.put(RoleName.NORMALIZER, normalizerPort);
            return all;
        }
        return Map.of(role, port);
    }

    void onStart(@Observes StartupEvent event) {
        try {
            activeRole.get().ifPresent(role -> {
                if (servePorts && LaunchMode.current() == LaunchMode.NORMAL) {
                    // The JVM's default TERM handling exits 143; a Kubernetes stop is a normal stop, so exit 0.
                    // Requests in flight are drained first, before Quarkus begins to stop anything they need.
                    StopSignals.exitCleanlyOnTermAndInt(servers::drain);
                }
                if (servePorts) {
                    ports(role.name()).forEach((name, p) -> servers.listen(name.cliName(), p));
                }
                LOG.infof("starting role %s", role.name());
                role.start();
                // Off the start-up path: the role's port and its first load or sync come first.
                jvmMeters.bindWhenReady(() -> role.readiness().ready(), JvmMeters.LATEST);
            });
        } catch (RuntimeException e) {
            if (LaunchMode.current() != LaunchMode.NORMAL) {
                throw e;
            }
            // A configuration error is the operator's to fix: one line saying what is wrong, exit 2, no stack trace.
            LOG.errorf("cannot start %s: %s", activeRole.name().orElse("?"), rootMessage(e));
            Quarkus.asyncExit(2);
        }
    }

    /** The innermost message: CDI wraps a producer's exception in creation exceptions. */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Requests in flight finish first (bounded), then the role stops, then the ports close. */
    void onStop(@Observes ShutdownEvent event) {
        servers.drain();
        activeRole.get().ifPresent(role -> {
            try {
                role.stop();
            } catch (RuntimeException e) {
                LOG.warnf("role %s did not stop cleanly: %s", role.name(), e.getMessage());
            }
        });
        servers.close();
    }
}
