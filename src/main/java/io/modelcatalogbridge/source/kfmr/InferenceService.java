package io.modelcatalogbridge.source.kfmr;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/**
 * KFMR {@code InferenceService}: the registry's record of a deployment. {@code name} is
 * {@code <isvc name>/<isvc uid>} when written by the MR InferenceService controller; the {@code url} custom
 * property mirrors the KServe {@code status.url}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record InferenceService(
        String id,
        String name,
        String description,
        String externalId,
        Map<String, MetadataValue> customProperties,
        String createTimeSinceEpoch,
        String lastUpdateTimeSinceEpoch,
        String registeredModelId,
        String modelVersionId,
        String servingEnvironmentId,
        String runtime,
        String desiredState) {

    public InferenceService {
        customProperties = customProperties == null ? Map.of() : customProperties;
    }

    public boolean isDeployed() {
        return desiredState == null || "DEPLOYED".equals(desiredState);
    }
}
