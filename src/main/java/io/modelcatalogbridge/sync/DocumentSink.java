package io.modelcatalogbridge.sync;

import io.modelcatalogbridge.model.ModelCard;
import io.modelcatalogbridge.model.SourceKind;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the normalizer sends documents: the storage role in production ({@link StorageSink}), anything recording
 * in tests. Two calls, as in the Go bridge's storage contract.
 */
public interface DocumentSink {

    /** Stores or replaces one document; says whether storage refused it as older than what it holds. */
    Stored upsert(Outgoing document);

    /** The complete set of current storage keys: everything else stored is removed. Only called on complete data. */
    void currentKeySet(Collection<String> storageKeys);

    /**
     * One rendered document as sent.
     *
     * @param storageKey  {@code <seg1>_<seg2>}
     * @param kind        storage {@code type} ({@code kubeflow} or {@code kserve})
     * @param body        rendered bytes
     * @param lastUpdated epoch ms; never lower than what was sent before for the key (storage refuses older upserts)
     * @param modelCard   the model card served by location next to the document
     */
    record Outgoing(String storageKey, SourceKind kind, byte[] body, long lastUpdated, Optional<ModelCard> modelCard) {
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

    /** A failed send; the document stays pending and is sent again at the next sync. */
    class SinkException extends RuntimeException {
        public SinkException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
