package io.modelcatalogbridge.serve.location;

import io.modelcatalogbridge.model.DocumentKey;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * What location serves. Listed documents live in a concurrent map that pushes change in place, one key at a time
 * (a push costs O(1), not a copy of everything listed), and readers never lock: a single-document read is one map
 * lookup. The two {@code /list} bodies are built once per change of the listed set, on first use, by
 * {@link ListBodies}; every later {@code /list} until the next change answers the same bytes.
 *
 * <p>A document that leaves the list stays fetchable for the grace period: RHDH's module lists first and fetches
 * every listed key afterwards, and a single failed fetch makes it drop the whole poll. So every key a {@code /list}
 * answer names stays fetchable for at least the grace period after that answer, even when a change raced with it.
 *
 * <p>A full reload reads storage over some time while pushes keep arriving; a push is newer than whatever the
 * reload read for that key, so keys pushed while a reload runs keep their pushed state when the reload is applied.
 * Writes (pushes and reloads) are serialised by one lock.
 */
public final class ReadModel {

    /** Effect of one push on the listed documents. */
    public enum Change {
        CREATED,
        UPDATED,
        UNCHANGED,
        REMOVED,
        ABSENT
    }

    /** Counts of a reload, for the one summary line per reload. */
    public record ReloadSummary(int listed, int added, int updated, int unchanged, int removed, int keptFromPushes) {
        public boolean changed() {
            return added + updated + removed > 0;
        }
    }

    /** Handle of a reload in progress; only the latest one may be applied. */
    public record ReloadTicket(long id) {}

    /** A removed document and the instant it stops being served. */
    private record Tombstone(ServedDocument document, Instant until) {}

    private final Clock clock;
    private final Duration grace;
    private final Object writeLock = new Object();
    private final Map<String, ServedDocument> live = new ConcurrentHashMap<>();
    private final Map<String, Tombstone> removed = new ConcurrentHashMap<>();
    /** Card key → storage keys of listed documents carrying that card (the greatest key wins, as it always did). */
    private final Map<String, NavigableSet<String>> cardOwners = new ConcurrentHashMap<>();

    private final ListBodies lists = new ListBodies();
    private volatile boolean loaded;
    private Instant nextPrune = Instant.MIN;
    private long reloadSeq;
    private Set<String> pushedDuringReload;

    public ReadModel(Clock clock, Duration grace) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.grace = Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("removal grace must not be negative: " + grace);
        }
    }

    /** Whether a first full load from storage has completed (before that, {@code /list} must not answer). */
    public boolean loaded() {
        return loaded;
    }

    /** Number of listed documents. */
    public int size() {
        return live.size();
    }

    public Instant now() {
        return clock.instant();
    }

    /** Go-era {@code /list} body: {@code {"uris": ["/<seg1>/<seg2>/<file>", …]}}, sorted (a copy). */
    public byte[] goEraList() {
        return lists.goEra();
    }

    /** Current-era {@code /list} body: {@code {"uris": ["<seg1>/<seg2>", …]}} of the JSON documents, sorted (a copy). */
    public byte[] currentList() {
        return lists.current();
    }

    /**
     * {@link #goEraList()} or {@link #currentList()} as a buffer to answer a {@code /list} with: a view of bytes held
     * outside the heap, so writing it to a socket copies nothing.
     */
    public Buffer listAnswer(boolean currentEra) {
        return currentEra ? lists.currentAnswer() : lists.goEraAnswer();
    }

    /** The one held {@code /list} body: the same object until the listed set changes. */
    ByteBuf heldList(boolean currentEra) {
        return lists.held(currentEra);
    }

    /**
     * A listed document, or a removed one in its grace period, by the two key segments of a request path;
     * empty for segments that are not a canonical key.
     */
    public Optional<ServedDocument> find(String segment1, String segment2) {
        DocumentKey key;
        try {
            key = DocumentKey.parse(segment1 + "/" + segment2);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return find(key.storageKey());
    }

    /** A listed document, or a removed one whose grace period has not ended, by storage key. */
    public Optional<ServedDocument> find(String storageKey) {
        ServedDocument doc = live.get(storageKey);
        if (doc != null) {
            return Optional.of(doc);
        }
        Tombstone t = removed.get(storageKey);
        return t != null && now().isBefore(t.until()) ? Optional.of(t.document()) : Optional.empty();
    }

    /**
     * A model card by its key {@code <sourceId>/<model name>}, while a document carrying it is listed or in grace.
     * A listed document's card wins over a removed one's; among removed ones, the one served longest.
     */
    public Optional<ServedCard> card(String cardKey) {
        NavigableSet<String> owners = cardOwners.get(cardKey);
        if (owners != null) {
            for (String storageKey : owners.descendingSet()) {
                Optional<ServedCard> card = cardOf(live.get(storageKey), cardKey);
                if (card.isPresent()) {
                    return card;
                }
            }
        }
        Instant now = now();
        Tombstone best = null;
        for (Tombstone t : removed.values()) {
            if (now.isBefore(t.until())
                    && cardOf(t.document(), cardKey).isPresent()
                    && (best == null || best.until().isBefore(t.until()))) {
                best = t;
            }
        }
        return best == null ? Optional.empty() : best.document().card();
    }

    /** Adds or replaces one document (a push from storage). */
    public Change upsert(ServedDocument doc) {
        synchronized (writeLock) {
            notePush(doc.storageKey());
            ServedDocument previous = live.get(doc.storageKey());
            if (doc.sameContent(previous)) {
                return Change.UNCHANGED;
            }
            put(doc, previous);
            removed.remove(doc.storageKey());
            pruneExpired(now());
            return previous == null ? Change.CREATED : Change.UPDATED;
        }
    }

    /** Removes one document from the list; it stays fetchable for the grace period. */
    public Change remove(String storageKey) {
        synchronized (writeLock) {
            notePush(storageKey);
            ServedDocument previous = live.get(storageKey);
            if (previous == null) {
                return Change.ABSENT;
            }
            Instant now = now();
            tombstone(previous, now);
            pruneExpired(now);
            return Change.REMOVED;
        }
    }

    /** Starts a full reload: from now on, pushed keys are remembered so the reload does not undo them. */
    public ReloadTicket beginReload() {
        synchronized (writeLock) {
            pushedDuringReload = new HashSet<>();
            return new ReloadTicket(++reloadSeq);
        }
    }

    /**
     * Replaces the listed documents with what a full read of storage returned, changing only the keys that differ
     * (an unchanged reload keeps the cached list bodies).
     *
     * @param ticket    from {@link #beginReload()}; a stale ticket is rejected
     * @param documents every document storage holds (that could be read)
     * @param keep      storage keys whose current state must stay (for example documents storage holds but that
     *                  failed to parse: their previous version is kept rather than dropped)
     */
    public ReloadSummary completeReload(ReloadTicket ticket, Collection<ServedDocument> documents, Set<String> keep) {
        synchronized (writeLock) {
            if (ticket.id() != reloadSeq || pushedDuringReload == null) {
                throw new IllegalStateException("reload " + ticket.id() + " was superseded");
            }
            Set<String> keepCurrent = new HashSet<>(keep);
            keepCurrent.addAll(pushedDuringReload);
            pushedDuringReload = null;
            Map<String, ServedDocument> read = new HashMap<>(documents.size() * 4 / 3 + 1);
            for (ServedDocument d : documents) {
                if (!keepCurrent.contains(d.storageKey())) {
                    read.put(d.storageKey(), d);
                }
            }
            Instant now = now();
            int added = 0;
            int updated = 0;
            int unchanged = 0;
            for (ServedDocument d : read.values()) {
                ServedDocument previous = live.get(d.storageKey());
                if (previous == null) {
                    added++;
                } else if (previous.sameContent(d)) {
                    unchanged++;
                    continue;
                } else {
                    updated++;
                }
                put(d, previous);
                removed.remove(d.storageKey());
            }
            List<ServedDocument> vanished = new ArrayList<>();
            for (ServedDocument previous : live.values()) {
                if (!read.containsKey(previous.storageKey()) && !keepCurrent.contains(previous.storageKey())) {
                    vanished.add(previous);
                }
            }
            vanished.forEach(previous -> tombstone(previous, now));
            int gone = vanished.size();
            pruneExpired(now);
            loaded = true;
            return new ReloadSummary(live.size(), added, updated, unchanged, gone, keepCurrent.size());
        }
    }

    /** Ends a failed reload without changing anything. */
    public void abandonReload(ReloadTicket ticket) {
        synchronized (writeLock) {
            if (ticket.id() == reloadSeq) {
                pushedDuringReload = null;
            }
        }
    }

    private void put(ServedDocument doc, ServedDocument previous) {
        String key = doc.storageKey();
        live.put(key, doc);
        lists.update(previous, doc);
        String oldCard =
                previous == null ? null : previous.card().map(ServedCard::key).orElse(null);
        String newCard = doc.card().map(ServedCard::key).orElse(null);
        if (oldCard != null && !oldCard.equals(newCard)) {
            disown(oldCard, key);
        }
        if (newCard != null) {
            cardOwners
                    .computeIfAbsent(newCard, k -> new ConcurrentSkipListSet<>())
                    .add(key);
        }
    }

    private void tombstone(ServedDocument previous, Instant now) {
        String key = previous.storageKey();
        removed.put(key, new Tombstone(previous, now.plus(grace)));
        live.remove(key);
        lists.update(previous, null);
        previous.card().ifPresent(c -> disown(c.key(), key));
    }

    private void disown(String cardKey, String storageKey) {
        NavigableSet<String> owners = cardOwners.get(cardKey);
        if (owners != null) {
            owners.remove(storageKey);
            if (owners.isEmpty()) {
                cardOwners.remove(cardKey);
            }
        }
    }

    /**
     * Drops tombstones whose grace has ended, at most once per tenth of the grace period (readers check the expiry
     * themselves), so a burst of pushes after a mass removal does not scan every tombstone each time.
     */
    private void pruneExpired(Instant now) {
        if (removed.isEmpty() || now.isBefore(nextPrune)) {
            return;
        }
        removed.values().removeIf(t -> !now.isBefore(t.until()));
        nextPrune = now.plus(grace.dividedBy(10));
    }

    private void notePush(String storageKey) {
        if (pushedDuringReload != null) {
            pushedDuringReload.add(storageKey);
        }
    }

    private static Optional<ServedCard> cardOf(ServedDocument doc, String cardKey) {
        return doc == null ? Optional.empty() : doc.card().filter(c -> c.key().equals(cardKey));
    }
}
