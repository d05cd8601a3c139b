package io.modelcatalogbridge.serve.location;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One immutable state of the read model: the listed documents and the recently removed ones that stay fetchable
 * until their grace period ends. Readers take one snapshot per request, so a {@code /list} answer is always
 * consistent with itself. The list bodies and the model-card index are computed on first use and kept for the
 * snapshot's lifetime: with 10,000 documents a {@code /list} costs one array copy to the socket, not a
 * serialisation.
 */
public final class Snapshot {

    /** A removed document and the instant it stops being served. */
    public record Tombstone(ServedDocument document, Instant until) {}

    private record IndexedCard(ServedCard card, Instant until) {}

    private static final ObjectWriter JSON = new ObjectMapper().writer();

    static final Snapshot EMPTY = new Snapshot(new TreeMap<>(), new HashMap<>());

    private final SortedMap<String, ServedDocument> live;
    private final Map<String, Tombstone> removed;
    private volatile byte[] goEraList;
    private volatile byte[] currentList;
    private volatile Map<String, IndexedCard> cards;

    /** Takes ownership of both maps; callers hand over fresh copies. */
    Snapshot(SortedMap<String, ServedDocument> live, Map<String, Tombstone> removed) {
        this.live = Collections.unmodifiableSortedMap(live);
        this.removed = Collections.unmodifiableMap(removed);
    }

    /** Listed documents by storage key, sorted. */
    public SortedMap<String, ServedDocument> live() {
        return live;
    }

    /** Removed documents still in their grace period (possibly expired; see {@link #find}). */
    public Map<String, Tombstone> removed() {
        return removed;
    }

    /** A listed document, or a removed one whose grace period has not ended at {@code now}. */
    public Optional<ServedDocument> find(String storageKey, Instant now) {
        ServedDocument doc = live.get(storageKey);
        if (doc != null) {
            return Optional.of(doc);
        }
        Tombstone t = removed.get(storageKey);
        return t != null && now.isBefore(t.until()) ? Optional.of(t.document()) : Optional.empty();
    }

    /** A model card of a listed document, or of a removed one still in its grace period. */
    public Optional<ServedCard> card(String cardKey, Instant now) {
        IndexedCard c = cardIndex().get(cardKey);
        return c != null && (c.until() == null || now.isBefore(c.until())) ? Optional.of(c.card()) : Optional.empty();
    }

    /** Go-era {@code /list} body: {@code {"uris": ["/<seg1>/<seg2>/<file>", …]}}, sorted. */
    public byte[] goEraList() {
        byte[] b = goEraList;
        if (b == null) {
            b = urisJson(d -> d.key().goEraUri(d.format().fileName()), false);
            goEraList = b;
        }
        return b;
    }

    /** Current-era {@code /list} body: {@code {"uris": ["<seg1>/<seg2>", …]}} of the JSON documents, sorted. */
    public byte[] currentList() {
        byte[] b = currentList;
        if (b == null) {
            b = urisJson(d -> d.key().currentKey(), true);
            currentList = b;
        }
        return b;
    }

    private byte[] urisJson(Function<ServedDocument, String> uri, boolean jsonOnly) {
        List<String> uris = live.values().stream()
                .filter(d -> !jsonOnly || d.format() == DocumentFormat.JSON)
                .map(uri)
                .sorted()
                .toList();
        try {
            return JSON.writeValueAsBytes(Map.of("uris", uris));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
    }

    private Map<String, IndexedCard> cardIndex() {
        Map<String, IndexedCard> index = cards;
        if (index == null) {
            index = new HashMap<>();
            for (Tombstone t : removed.values()) {
                Optional<ServedCard> card = t.document().card();
                if (card.isPresent()) {
                    IndexedCard seen = index.get(card.get().key());
                    if (seen == null || seen.until().isBefore(t.until())) {
                        index.put(card.get().key(), new IndexedCard(card.get(), t.until()));
                    }
                }
            }
            // A listed document's card wins over a removed one's and never expires.
            for (ServedDocument d : live.values()) {
                Optional<ServedCard> card = d.card();
                if (card.isPresent()) {
                    index.put(card.get().key(), new IndexedCard(card.get(), null));
                }
            }
            cards = index;
        }
        return index;
    }
}
