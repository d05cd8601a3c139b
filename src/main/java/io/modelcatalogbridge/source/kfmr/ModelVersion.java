package io.modelcatalogbridge.source.kfmr;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/** KFMR {@code ModelVersion}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record ModelVersion(
        String id,
        String name,
        String description,
        String externalId,
        Map<String, MetadataValue> customProperties,
        String createTimeSinceEpoch,
        String lastUpdateTimeSinceEpoch,
        String registeredModelId,
        String state,
        String author) {

    public ModelVersion {
        customProperties = customProperties == null ? Map.of() : customProperties;
    }

    public boolean isLive() {
        return state == null || !"ARCHIVED".equals(state);
    }
}
