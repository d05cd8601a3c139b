package io.modelcatalogbridge.sync;

import io.modelcatalogbridge.model.ModelCard;
import io.modelcatalogbridge.model.SourceKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Where the normalizer sends documents: the storage role in production ({@link StorageSink}), anything recording
 * in tests. The Go bridge's two calls, plus the listing of what storage holds that a full sync compares against.
 */
public interface DocumentSink {

    /** Stores or replaces one document; says whether storage refused it as older than what it holds. */
    Stored upsert(Outgoing document);

    /**
     * Stores several documents (storage's {@code POST /upserts}), answered one by one in the order given: what
     * storage did with each, or why it did not store it. One document refused or failed does not stop the others. By
     * default one {@link #upsert} each.
     *
     * @throws SinkException when the call as a whole failed (nothing is known of any document)
     */
    default List<Answer> upsertAll(List<Outgoing> documents) {
        List<Answer> out = new ArrayList<>(documents.size());
        for (Outgoing d : documents) {
            try {
                out.add(Answer.of(upsert(d)));
            } catch (SinkException e) {
                out.add(Answer.failed(e.getMessage()));
            }
        }
        return out;
    }

    /**
     * What storage did with one document of {@link #upsertAll}.
     *
     * @param stored what storage did, when it took the document (or refused it as stale); null when it failed
     * @param error  why the document was not stored (it is pending and sent again at the next sync), else null
     */
    record Answer(Stored stored, String error) {
        public static Answer of(Stored stored) {
            return new Answer(stored, null);
        }

        public static Answer failed(String error) {
            return new Answer(null, error);
        }
    }

    /** The complete set of current storage keys: everything else stored is removed. Only called on complete data. */
    void currentKeySet(Collection<String> storageKeys);

    /**
     * What storage holds right now, by storage key: with content digests when storage lists them, else (the Go
     * bridge's storage) the keys alone.
     *
     * @throws SinkException when storage cannot be read
     */
    Holdings holdings();

    /**
     * One rendered document as sent.
     *
     * @param storageKey  {@code <seg1>_<seg2>}
     * @param kind        storage {@code type} ({@code kubeflow} or {@code kserve})
     * @param body        rendered bytes
     * @param lastUpdated epoch ms; never lower than what was sent before for the key (storage refuses older upserts)
     * @param modelCard   the model card served by location next to the document
     * @param sourceId    the source the document was read from (registry id or {@code kserve}); storage keeps it so
     *                    that removals can be counted per source
     */
    record Outgoing(
            String storageKey,
            SourceKind kind,
            byte[] body,
            long lastUpdated,
            Optional<ModelCard> modelCard,
            String sourceId) {
        public Outgoing {
            Objects.requireNonNull(storageKey, "storageKey");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(body, "body");
            modelCard = modelCard == null ? Optional.empty() : modelCard;
        }
    }

    /**
     * What storage did with an upsert.
     *
     * @param stale      refused: storage holds the key with a newer {@code lastUpdateTimeSinceEpoch}
     * @param storedTime the time storage holds for the key when it said so, else {@code -1}
     */
    record Stored(boolean stale, long storedTime) {
        /** Stored (or unchanged), or a storage that does not tell (the Go bridge's). */
        public static final Stored ACCEPTED = new Stored(false, -1);
    }

    /**
     * What storage holds for one key.
     *
     * @param digest     {@code ContentDigest} of the stored content; null when storage only lists keys
     * @param lastUpdate the stored {@code lastUpdateTimeSinceEpoch} as stored (may be invalid), or null
     * @param sourceId   the source that stored it, or null when unknown
     */
    record Holding(String digest, String lastUpdate, String sourceId) {
        /** A key listed without anything else (the Go bridge's {@code /list}). */
        static Holding keyOnly() {
            return new Holding(null, null, null);
        }
    }

    /**
     * Storage's contents as listed.
     *
     * @param withDigests whether the entries carry digests (this bridge's storage) or only keys (the Go bridge's)
     * @param byKey       every stored key, sorted
     */
    record Holdings(boolean withDigests, SortedMap<String, Holding> byKey) {}

    /** A failed send; the document stays pending and is sent again at the next sync. */
    class SinkException extends RuntimeException {
        public SinkException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
