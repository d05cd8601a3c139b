package io.modelcatalogbridge.sync;

import io.modelcatalogbridge.model.MappingSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** How documents are rendered; shared by {@code export} and the normalizer. Legacy env names in application.properties. */
@ConfigMapping(prefix = "bridge.mapping")
public interface MappingConfig {

    /** Document format: {@code JsonArrayFormat} (model-catalog.json) or {@code CatalogInfoYamlFormat}. Env {@code NORMALIZER_FORMAT}. */
    @WithDefault("JsonArrayFormat")
    String format();

    /** Owner when no record names one. Env {@code DEFAULT_OWNER}. */
    Optional<String> defaultOwner();

    /** Lifecycle when no record names one. Env {@code DEFAULT_LIFECYCLE}. */
    Optional<String> defaultLifecycle();

    /**
     * Absolute base URL of the location service as Backstage reaches it; used for the Go-era absolute
     * {@code TechDocs} model-card link. Env {@code LOCATION_PUBLIC_URL}.
     */
    Optional<String> locationUrl();

    /** These settings as the mapping takes them. */
    default MappingSettings settings() {
        return new MappingSettings(
                defaultOwner().orElse(null),
                defaultLifecycle().orElse(null),
                locationUrl().orElse(null));
    }
}
