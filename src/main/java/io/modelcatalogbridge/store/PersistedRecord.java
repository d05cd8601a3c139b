package io.modelcatalogbridge.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One record as the file and ConfigMap backends persist it: the JSON the Go bridge's ConfigMap backend kept in
 * {@code binaryData[<key>]} (its {@code /fetch} record), so a Go bridge reading our data (or we reading its) needs no
 * conversion ({@code sourceId} is this bridge's addition; Go ignores unknown fields). Deliberately apart from the
 * storage API's wire records: the API may grow without changing what is on disk, and persistence does not depend on
 * the API.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record PersistedRecord(
        @JsonProperty("body") String body,
        @JsonProperty("locationId") String locationId,
        @JsonProperty("locationTarget") String locationTarget,
        @JsonProperty("locationIDValid") boolean locationIdValid,
        @JsonProperty("reconcilerType") String reconcilerType,
        @JsonProperty("lastUpdateTimeSinceEpoch") String lastUpdateTimeSinceEpoch,
        @JsonProperty("modelCardKey") String modelCardKey,
        @JsonProperty("modelCard") String modelCard,
        @JsonProperty("sourceId") String sourceId) {}
