package io.modelcatalogbridge.model;

import java.util.Objects;

/**
 * Inputs of the mapping that do not come from a source.
 *
 * @param defaultOwner     owner when no record names one ({@code DEFAULT_OWNER}, else {@code rhdh-rhoai-bridge})
 * @param defaultLifecycle lifecycle when no record names one ({@code DEFAULT_LIFECYCLE}, else {@code development})
 * @param locationBaseUrl  absolute base URL of the location service as Backstage reaches it, used for the
 *                         Go-era absolute {@code TechDocs} model-card URL; {@code null} when unknown
 * @param times            how source timestamps are read: a time it refuses is a mapping problem and does not count
 *                         for the document's time
 */
public record MappingSettings(String defaultOwner, String defaultLifecycle, String locationBaseUrl, EpochMillis times) {
    public static final String FALLBACK_OWNER = "rhdh-rhoai-bridge";
    public static final String FALLBACK_LIFECYCLE = "development";

    public MappingSettings {
        defaultOwner = blankToNull(defaultOwner) == null ? FALLBACK_OWNER : defaultOwner.trim();
        defaultLifecycle = blankToNull(defaultLifecycle) == null ? FALLBACK_LIFECYCLE : defaultLifecycle.trim();
        locationBaseUrl = blankToNull(locationBaseUrl);
        if (locationBaseUrl != null && locationBaseUrl.endsWith("/")) {
            locationBaseUrl = locationBaseUrl.substring(0, locationBaseUrl.length() - 1);
        }
        times = times == null ? EpochMillis.systemDefault() : times;
    }

    /** Settings with the default reading of timestamps (system clock, {@link EpochMillis#DEFAULT_MAX_FUTURE_SKEW}). */
    public MappingSettings(String defaultOwner, String defaultLifecycle, String locationBaseUrl) {
        this(defaultOwner, defaultLifecycle, locationBaseUrl, null);
    }

    /** The same settings reading timestamps with {@code t}. */
    public MappingSettings withTimes(EpochMillis t) {
        return new MappingSettings(defaultOwner, defaultLifecycle, locationBaseUrl, t);
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
