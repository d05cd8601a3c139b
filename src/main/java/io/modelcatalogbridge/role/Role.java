package io.modelcatalogbridge.role;

/**
 * A long-running role (normalizer, storage, location). The picocli command starts exactly one role; the role
 * owns the beans it needs and nothing else is created. One implementation per role is selected at runtime with
 * {@code @LookupIfProperty(name = RoleNames.PROPERTY, stringValue = RoleNames.<ROLE>)}.
 */
public interface Role {

    /** Which role this is. */
    RoleName name();

    /** Starts background work; must return promptly. */
    void start();

    /** Stops background work; called once on shutdown. */
    default void stop() {}

    /** Readiness as {@code /q/health/ready} reports it, with a short reason when not ready. */
    Readiness readiness();

    /** Readiness of a role. */
    record Readiness(boolean ready, String detail) {
        public static Readiness up(String detail) {
            return new Readiness(true, detail);
        }

        public static Readiness down(String detail) {
            return new Readiness(false, detail);
        }
    }
}
