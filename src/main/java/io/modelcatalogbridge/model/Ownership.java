package io.modelcatalogbridge.model;

/**
 * Owner and lifecycle precedence. The catalog modules write the owner as {@code user:<owner>}, so both values
 * are bare, valid Backstage names ({@code kube:admin} → {@code kube-admin}).
 */
public final class Ownership {
    private Ownership() {}

    /**
     * The first candidate (in precedence order, e.g. MV {@code Owner}, RM {@code Owner}, RM {@code owner} field)
     * that sanitises to a usable name, else the configured default, else {@code rhdh-rhoai-bridge}.
     */
    public static String owner(MappingSettings settings, String... candidates) {
        return firstUsable(candidates, settings.defaultOwner(), MappingSettings.FALLBACK_OWNER);
    }

    /** Like {@link #owner}: candidates, then the configured default, then {@code development}. */
    public static String lifecycle(MappingSettings settings, String... candidates) {
        return firstUsable(candidates, settings.defaultLifecycle(), MappingSettings.FALLBACK_LIFECYCLE);
    }

    private static String firstUsable(String[] candidates, String configured, String fallback) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                var name = Names.trySanitize(candidate.trim());
                if (name.isPresent()) {
                    return name.get();
                }
            }
        }
        return Names.trySanitize(configured).orElse(fallback);
    }
}
