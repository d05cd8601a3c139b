package io.modelcatalogbridge.source.kfmr;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A model of the Kubeflow model catalog ({@code GET /sources/{id}/models/{name}}); only what the bridge uses. */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record CatalogModel(
        String name,
        @JsonProperty("source_id") String sourceId,
        String description,
        String readme,
        String provider,
        String license,
        String licenseLink,
        String createTimeSinceEpoch,
        String lastUpdateTimeSinceEpoch) {}
