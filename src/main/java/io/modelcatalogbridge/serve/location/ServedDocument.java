package io.modelcatalogbridge.serve.location;

import io.modelcatalogbridge.model.DocumentKey;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One stored document as location serves it.
 *
 * @param key        identity; {@link DocumentKey#storageKey()} is the map key everywhere in the read model
 * @param bytes      the document exactly as stored
 * @param format     told from the bytes
 * @param lastUpdate epoch milliseconds from storage (informational)
 * @param card       its model card, when it has one
 * @param storageKey {@link DocumentKey#storageKey()} of {@code key}, always derived from it (whatever is passed):
 *                   the map key of every read-model operation, formatted once per document instead of per lookup
 */
public record ServedDocument(
        DocumentKey key,
        byte[] bytes,
        DocumentFormat format,
        long lastUpdate,
        Optional<ServedCard> card,
        String storageKey) {

    public ServedDocument {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(format, "format");
        card = card == null ? Optional.empty() : card;
        storageKey = key.storageKey();
    }

    public ServedDocument(
            DocumentKey key, byte[] bytes, DocumentFormat format, long lastUpdate, Optional<ServedCard> card) {
        this(key, bytes, format, lastUpdate, card, null);
    }

    public static ServedDocument of(DocumentKey key, byte[] bytes, long lastUpdate, Optional<ServedCard> card) {
        return new ServedDocument(key, bytes, DocumentFormat.of(bytes), lastUpdate, card);
    }

    /** Whether a client would see any difference between the two (bytes and card; not the timestamp). */
    public boolean sameContent(ServedDocument other) {
        if (other == null || !Arrays.equals(bytes, other.bytes)) {
            return false;
        }
        return card.isEmpty() ? other.card.isEmpty() : card.get().sameAs(other.card.orElse(null));
    }
}
