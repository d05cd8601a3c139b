package io.modelcatalogbridge.storageapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * JSON shapes of the storage REST API and of storage → location pushes, byte-compatible with the Go bridge
 * ({@code pkg/types/storage.go}): a Go normalizer or location can talk to this storage and vice versa. Fields added
 * by this bridge are optional and ignored by Go clients. Every record is registered for reflection where it is
 * declared: the bridge's own {@code ObjectMapper}s (not JAX-RS signatures) read and write some of them, and a native
 * image must (de)serialise them as the JVM does.
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
    @RegisterForReflection
    public record UpsertRequest(
            @JsonProperty("body") String body,
            @JsonProperty("lastUpdateTimeSinceEpoch") String lastUpdateTimeSinceEpoch,
            @JsonProperty("modelCardKey") String modelCardKey,
            @JsonProperty("modelCard") String modelCard,
            @JsonProperty("sourceId") String sourceId) {

        /** The Go bridge's four fields. */
        public UpsertRequest(String body, String lastUpdateTimeSinceEpoch, String modelCardKey, String modelCard) {
            this(body, lastUpdateTimeSinceEpoch, modelCardKey, modelCard, null);
        }
    }

    /**
     * A stored record as {@code GET /fetch?key=} answers it and as the Go ConfigMap backend kept it in
     * {@code binaryData[<key>]}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record FetchResponse(
            @JsonProperty("body") String body,
            @JsonProperty("locationId") String locationId,
            @JsonProperty("locationTarget") String locationTarget,
            @JsonProperty("locationIDValid") boolean locationIdValid,
            @JsonProperty("reconcilerType") String reconcilerType,
            @JsonProperty("lastUpdateTimeSinceEpoch") String lastUpdateTimeSinceEpoch,
            @JsonProperty("modelCardKey") String modelCardKey,
            @JsonProperty("modelCard") String modelCard,
            @JsonProperty("sourceId") String sourceId) {}

    /** {@code GET /list} of storage: {@code {"keys": [...]}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @RegisterForReflection
    public record KeyList(@JsonProperty("keys") List<String> keys) {
        public KeyList {
            keys = keys == null ? List.of() : List.copyOf(keys);
        }
    }

    /**
     * Body of every {@code /upsert} answer of this storage (Go clients ignore bodies they did not expect).
     *
     * @param result  {@code created}, {@code updated}, {@code unchanged} or {@code stale}
     * @param stored  the {@code lastUpdateTimeSinceEpoch} now stored for the key
     * @param message why a stale upsert was ignored, else absent
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record UpsertAnswer(
            @JsonProperty("key") String key,
            @JsonProperty("result") String result,
            @JsonProperty("lastUpdateTimeSinceEpoch") String stored,
            @JsonProperty("message") String message) {}

    /**
     * One entry of {@code POST /upserts} (storage) and of location's {@code POST /upserts}: the query parameters and
     * body of one {@code POST /upsert?key=&type=}, as one JSON object. The request body is a JSON array of these.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record BatchUpsert(
            @JsonProperty("key") String key,
            @JsonProperty("type") String type,
            @JsonProperty("body") String body,
            @JsonProperty("lastUpdateTimeSinceEpoch") String lastUpdateTimeSinceEpoch,
            @JsonProperty("modelCardKey") String modelCardKey,
            @JsonProperty("modelCard") String modelCard,
            @JsonProperty("sourceId") String sourceId) {

        /** One {@code /upsert}'s key, type and body as a batch entry. */
        public static BatchUpsert of(String key, String type, UpsertRequest r) {
            return new BatchUpsert(
                    key, type, r.body(), r.lastUpdateTimeSinceEpoch(), r.modelCardKey(), r.modelCard(), r.sourceId());
        }

        /** The body a single {@code POST /upsert} of this entry would carry. */
        public UpsertRequest request() {
            return new UpsertRequest(body, lastUpdateTimeSinceEpoch, modelCardKey, modelCard, sourceId);
        }
    }

    /**
     * What a batch did with one entry, in the order of the request.
     *
     * @param key     the entry's key as sent
     * @param result  {@code created}, {@code updated}, {@code unchanged}, {@code stale} (stored: the entry was older than
     *                what is held), {@code refused} (the entry itself is wrong: {@code status} 400 or 413, nothing
     *                stored) or {@code failed} (storage could not store it: {@code status} 5xx, retry later)
     * @param status  the HTTP status a single {@code /upsert} of this entry would have answered
     * @param stored  the {@code lastUpdateTimeSinceEpoch} now stored for the key, when one is
     * @param message why the entry was refused, failed or ignored as stale; absent otherwise
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record BatchResult(
            @JsonProperty("key") String key,
            @JsonProperty("result") String result,
            @JsonProperty("status") int status,
            @JsonProperty("lastUpdateTimeSinceEpoch") String stored,
            @JsonProperty("message") String message) {}

    /**
     * Answer of a batch: one result per entry, in request order, and the counts.
     *
     * @param stored  entries created, updated or unchanged
     * @param refused entries refused, failed or stale (nothing of theirs was written)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @RegisterForReflection
    public record BatchAnswer(
            @JsonProperty("results") List<BatchResult> results,
            @JsonProperty("stored") int stored,
            @JsonProperty("refused") int refused) {
        public BatchAnswer {
            results = results == null ? List.of() : List.copyOf(results);
        }
    }

    /** Body of the {@code /currentkeyset} answer. */
    @RegisterForReflection
    public record PruneAnswer(
            @JsonProperty("removed") List<String> removed,
            @JsonProperty("kept") int kept) {}

    /** One entry of {@code GET /documents}. */
    @RegisterForReflection
    public record Document(
            @JsonProperty("key") String key,
            @JsonProperty("record") FetchResponse record) {}

    /**
     * One entry of {@code GET /digests}: what storage holds for a key, without the body.
     *
     * @param key                      storage key
     * @param digest                   {@link ContentDigest} of the stored content
     * @param lastUpdateTimeSinceEpoch the stored time as stored (may be one {@code EpochMillis} refuses: then the
     *                                 next upsert replaces it)
     * @param type                     the stored {@code type}
     * @param sourceId                 the source named by the upsert that stored it, if any
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record Digest(
            @JsonProperty("key") String key,
            @JsonProperty("digest") String digest,
            @JsonProperty("lastUpdateTimeSinceEpoch") String lastUpdateTimeSinceEpoch,
            @JsonProperty("type") String type,
            @JsonProperty("sourceId") String sourceId) {}

    /**
     * {@code GET /digests?after=&limit=}: digests in key order; {@code next} is the {@code after} value of the next
     * page, absent on the last page. The first page (no {@code after}) first re-reads the backend, so the listing
     * is what storage actually holds, not what it last wrote.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record Digests(
            @JsonProperty("digests") List<Digest> digests,
            @JsonProperty("next") String next) {
        public Digests {
            digests = digests == null ? List.of() : List.copyOf(digests);
        }
    }

    /** {@code GET /documents}: records in key order; {@code next} is the {@code after} value of the next page. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record Documents(
            @JsonProperty("documents") List<Document> documents,
            @JsonProperty("next") String next) {}
}
