package io.modelcatalogbridge.role;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** {@code /q/health/ready}: the active role's own readiness (first load done, first sync done, …). */
@Readiness
@ApplicationScoped
public class RoleReadinessCheck implements HealthCheck {

    private final ActiveRole activeRole;

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
                    return builder.status(r.ready())
                            .withData("role", role.name().cliName())
                            .withData("detail", r.detail())
                            .build();
                })
                .orElseGet(() -> builder.up().build());
    }
}
