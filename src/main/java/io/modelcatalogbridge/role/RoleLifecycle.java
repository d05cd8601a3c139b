package io.modelcatalogbridge.role;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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

    RoleLifecycle(ActiveRole activeRole) {
        this.activeRole = activeRole;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            activeRole.get().ifPresent(role -> {
                LOG.infof("starting role %s", role.name());
                role.start();
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

    void onStop(@Observes ShutdownEvent event) {
        activeRole.get().ifPresent(role -> {
            try {
                role.stop();
            } catch (RuntimeException e) {
                LOG.warnf("role %s did not stop cleanly: %s", role.name(), e.getMessage());
            }
        });
    }
}
