package io.modelcatalogbridge.source.kfmr;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/** KFMR {@code RegisteredModel}. Ids and timestamps are strings on the wire; {@code Owner} is accepted too. */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record RegisteredModel(
        String id,
        String name,
        String description,
        String externalId,
        Map<String, MetadataValue> customProperties,
        String createTimeSinceEpoch,
        String lastUpdateTimeSinceEpoch,
        @JsonAlias("Owner") String owner,
        String state,
        String readme,
        String provider,
        String license,
        String licenseLink) {

    public RegisteredModel {
        customProperties = customProperties == null ? Map.of() : customProperties;
    }

    public boolean isLive() {
        return state == null || !"ARCHIVED".equals(state);
    }
}
