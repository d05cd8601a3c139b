package io.modelcatalogbridge.source.kfmr;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/**
 * An entry of a version's artifact list. The list is polymorphic on {@code artifactType}; only
 * {@code model-artifact} entries are used, the others are read with the common fields and ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record ModelArtifact(
        String id,
        String name,
        String description,
        String externalId,
        Map<String, MetadataValue> customProperties,
        String createTimeSinceEpoch,
        String lastUpdateTimeSinceEpoch,
        String artifactType,
        String uri,
        String state,
        String modelFormatName,
        String modelFormatVersion,
        String storageKey,
        String storagePath,
        String serviceAccountName,
        String modelSourceKind,
        String modelSourceClass,
        String modelSourceGroup,
        String modelSourceId,
        String modelSourceName) {

    public ModelArtifact {
        customProperties = customProperties == null ? Map.of() : customProperties;
    }

    public boolean isModelArtifact() {
        return artifactType == null || "model-artifact".equals(artifactType);
    }
}
