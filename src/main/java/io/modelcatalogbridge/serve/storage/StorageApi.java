package io.modelcatalogbridge.serve.storage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.modelcatalogbridge.store.StorageWire;
import java.util.List;

/** JSON answers this storage adds to the Go contract; Go clients ignore bodies they did not expect. */
final class StorageApi {
    private StorageApi() {}

    /**
     * Body of every {@code /upsert} answer.
     *
     * @param result {@code created}, {@code updated}, {@code unchanged} or {@code stale}
     * @param stored the {@code lastUpdateTimeSinceEpoch} now stored for the key
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UpsertAnswer(
            @JsonProperty("key") String key,
            @JsonProperty("result") String result,
            @JsonProperty("lastUpdateTimeSinceEpoch") String stored,
            @JsonProperty("message") String message) {}

    /** Body of the {@code /currentkeyset} answer. */
    record PruneAnswer(
            @JsonProperty("removed") List<String> removed,
            @JsonProperty("kept") int kept) {}

    /** One entry of {@code GET /documents}. */
    record Document(
            @JsonProperty("key") String key,
            @JsonProperty("record") StorageWire.FetchResponse record) {}

    /** {@code GET /documents}: records in key order; {@code next} is the {@code after} value of the next page. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Documents(
            @JsonProperty("documents") List<Document> documents,
            @JsonProperty("next") String next) {}
}
