package io.modelcatalogbridge.source.kfmr;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/** KFMR {@code ServingEnvironment}; its name is the namespace of the deployments in it. */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record ServingEnvironment(
        String id,
        String name,
        String description,
        String externalId,
        Map<String, MetadataValue> customProperties,
        String createTimeSinceEpoch,
        String lastUpdateTimeSinceEpoch) {

    public ServingEnvironment {
        customProperties = customProperties == null ? Map.of() : customProperties;
    }
}
