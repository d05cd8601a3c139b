package io.modelcatalogbridge.role;

import io.modelcatalogbridge.serve.http.RoleNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The role this process runs, resolved lazily from {@code app.role} so that only that role's bean (and what it
 * injects) is ever created.
 */
@ApplicationScoped
public class ActiveRole {

    private final Instance<Role> roles;
    private final Optional<String> roleName;

    ActiveRole(Instance<Role> roles, @ConfigProperty(name = RoleNames.PROPERTY) Optional<String> roleName) {
        this.roles = roles;
        this.roleName = roleName;
    }

    /** The name from configuration, if any (unset in plain {@code @QuarkusTest}s). */
    public Optional<String> name() {
        return roleName;
    }

    /** The long-running role configured, if any ({@code export} and {@code validate} are none). */
    public Optional<RoleName> role() {
        return roleName.flatMap(RoleName::of);
    }

    /** The role bean, when the configured role is a long-running one. */
    public Optional<Role> get() {
        return roles.isResolvable() ? Optional.of(roles.get()) : Optional.empty();
    }
}
