package io.modelcatalogbridge.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * JSON shapes of the storage REST API and of storage → location pushes, byte-compatible with the Go bridge
 * ({@code pkg/types/storage.go}): a Go normalizer or location can talk to this storage and vice versa. Fields added
 * by this bridge are optional and ignored by Go clients.
 */
public final class StorageWire {
    private StorageWire() {}

    /**
     * Body of {@code POST /upsert?key=&type=} (storage) and of {@code POST /upsert?key=} (location).
     *
     * @param body                     base64 of the document bytes
     * @param lastUpdateTimeSinceEpoch epoch milliseconds as a string (compared as a number)
     * @param modelCardKey             Go-era model-card key ({@code <sourceId>/<model name>}), optional
     * @param modelCard                model card markdown, optional
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UpsertRequest(
            @JsonProperty("body") String body,
            @JsonProperty("lastUpdateTimeSinceEpoch") String lastUpdateTimeSinceEpoch,
            @JsonProperty("modelCardKey") String modelCardKey,
            @JsonProperty("modelCard") String modelCard) {}

    /**
     * A stored record as {@code GET /fetch?key=} answers it and as the Go ConfigMap backend kept it in
     * {@code binaryData[<key>]}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FetchResponse(
            @JsonProperty("body") String body,
            @JsonProperty("locationId") String locationId,
            @JsonProperty("locationTarget") String locationTarget,
            @JsonProperty("locationIDValid") boolean locationIdValid,
            @JsonProperty("reconcilerType") String reconcilerType,
            @JsonProperty("lastUpdateTimeSinceEpoch") String lastUpdateTimeSinceEpoch,
            @JsonProperty("modelCardKey") String modelCardKey,
            @JsonProperty("modelCard") String modelCard) {}

    /** {@code GET /list} of storage: {@code {"keys": [...]}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record KeyList(@JsonProperty("keys") List<String> keys) {
        public KeyList {
            keys = keys == null ? List.of() : List.copyOf(keys);
        }
    }

    /** Error body of every non-2xx answer of this bridge: {@code {"error": "..."}}. */
    public record Error(@JsonProperty("error") String error) {}
}
