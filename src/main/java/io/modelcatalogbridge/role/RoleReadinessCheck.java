package io.modelcatalogbridge.role;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * {@code /q/health/ready}: the active role's own readiness (first load done, first sync done, …). Probes poll it every
 * few seconds, so it logs a line only when the answer changes (ready or not), never per poll.
 */
@Readiness
@ApplicationScoped
public class RoleReadinessCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(RoleReadinessCheck.class);

    private final ActiveRole activeRole;
    /** The last answer logged: null before the first poll. */
    private final AtomicReference<Boolean> lastReady = new AtomicReference<>();

    RoleReadinessCheck(ActiveRole activeRole) {
        this.activeRole = activeRole;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("role");
        return activeRole
                .get()
                .map(role -> {
                    Role.Readiness r = role.readiness();
                    Boolean before = lastReady.getAndSet(r.ready());
                    if (before == null || before != r.ready()) {
                        LOG.infof("%s is %s: %s", role.name().cliName(), r.ready() ? "ready" : "not ready", r.detail());
                    }
                    return builder.status(r.ready())
                            .withData("role", role.name().cliName())
                            .withData("detail", r.detail())
                            .build();
                })
                .orElseGet(() -> builder.up().build());
    }
}
