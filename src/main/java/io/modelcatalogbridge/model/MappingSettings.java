package io.modelcatalogbridge.model;

import java.util.Objects;

/**
 * Inputs of the mapping that do not come from a source.
 *
 * @param defaultOwner     owner when no record names one ({@code DEFAULT_OWNER}, else {@code rhdh-rhoai-bridge})
 * @param defaultLifecycle lifecycle when no record names one ({@code DEFAULT_LIFECYCLE}, else {@code development})
 * @param locationBaseUrl  absolute base URL of the location service as Backstage reaches it, used for the
 *                         Go-era absolute {@code TechDocs} model-card URL; {@code null} when unknown
 */
public record MappingSettings(String defaultOwner, String defaultLifecycle, String locationBaseUrl) {
    public static final String FALLBACK_OWNER = "rhdh-rhoai-bridge";
    public static final String FALLBACK_LIFECYCLE = "development";

    public MappingSettings {
        defaultOwner = blankToNull(defaultOwner) == null ? FALLBACK_OWNER : defaultOwner.trim();
        defaultLifecycle = blankToNull(defaultLifecycle) == null ? FALLBACK_LIFECYCLE : defaultLifecycle.trim();
        locationBaseUrl = blankToNull(locationBaseUrl);
        if (locationBaseUrl != null && locationBaseUrl.endsWith("/")) {
            locationBaseUrl = locationBaseUrl.substring(0, locationBaseUrl.length() - 1);
        }
    }

    public static MappingSettings defaults() {
        return new MappingSettings(null, null, null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public String toString() {
        return "MappingSettings[owner=" + defaultOwner + ", lifecycle=" + defaultLifecycle + ", location="
                + Objects.toString(locationBaseUrl, "-") + "]";
    }
}
