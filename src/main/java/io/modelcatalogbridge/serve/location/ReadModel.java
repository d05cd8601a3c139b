package io.modelcatalogbridge.serve.location;

import io.modelcatalogbridge.model.DocumentKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What location serves: an immutable {@link Snapshot} replaced atomically on every change. Reads never lock; writes
 * (storage's pushes and the periodic full reload) are serialised and copy the maps, which is cheap next to how
 * rarely documents change.
 *
 * <p>A document that leaves the list stays fetchable for the grace period: RHDH's module lists first and fetches
 * every listed key afterwards, and a single failed fetch makes it drop the whole poll.
 *
 * <p>A full reload reads storage over some time while pushes keep arriving; a push is newer than whatever the
 * reload read for that key, so keys pushed while a reload runs keep their pushed state when the reload is applied.
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

    private final Clock clock;
    private final Duration grace;
    private final Object writeLock = new Object();
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private volatile boolean loaded;
    private long reloadSeq;
    private Set<String> pushedDuringReload;

    public ReadModel(Clock clock, Duration grace) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.grace = Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("removal grace must not be negative: " + grace);
        }
    }

    /** The current state; hold on to it for the duration of one request. */
    public Snapshot snapshot() {
        return snapshot;
    }

    /** Whether a first full load from storage has completed (before that, {@code /list} must not answer). */
    public boolean loaded() {
        return loaded;
    }

    public Instant now() {
        return clock.instant();
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
        return snapshot.find(key.storageKey(), now());
    }

    /** A model card by its key {@code <sourceId>/<model name>}, while its document is listed or in grace. */
    public Optional<ServedCard> card(String cardKey) {
        return snapshot.card(cardKey, now());
    }

    /** Adds or replaces one document (a push from storage). */
    public Change upsert(ServedDocument doc) {
        synchronized (writeLock) {
            notePush(doc.storageKey());
            Snapshot s = snapshot;
            ServedDocument previous = s.live().get(doc.storageKey());
            if (doc.sameContent(previous)) {
                return Change.UNCHANGED;
            }
            SortedMap<String, ServedDocument> live = new TreeMap<>(s.live());
            live.put(doc.storageKey(), doc);
            Map<String, Snapshot.Tombstone> removed = pruned(s.removed(), now());
            removed.remove(doc.storageKey());
            snapshot = new Snapshot(live, removed);
            return previous == null ? Change.CREATED : Change.UPDATED;
        }
    }

    /** Removes one document from the list; it stays fetchable for the grace period. */
    public Change remove(String storageKey) {
        synchronized (writeLock) {
            notePush(storageKey);
            Snapshot s = snapshot;
            ServedDocument previous = s.live().get(storageKey);
            if (previous == null) {
                return Change.ABSENT;
            }
            SortedMap<String, ServedDocument> live = new TreeMap<>(s.live());
            live.remove(storageKey);
            Instant now = now();
            Map<String, Snapshot.Tombstone> removed = pruned(s.removed(), now);
            removed.put(storageKey, new Snapshot.Tombstone(previous, now.plus(grace)));
            snapshot = new Snapshot(live, removed);
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
     * Replaces the listed documents with what a full read of storage returned.
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
            Snapshot s = snapshot;
            SortedMap<String, ServedDocument> live = new TreeMap<>();
            documents.forEach(d -> live.put(d.storageKey(), d));
            for (String key : keepCurrent) {
                ServedDocument current = s.live().get(key);
                if (current != null) {
                    live.put(key, current);
                } else {
                    live.remove(key);
                }
            }
            ReloadSummary summary = apply(s, live, keepCurrent.size());
            loaded = true;
            return summary;
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

    private ReloadSummary apply(Snapshot s, SortedMap<String, ServedDocument> live, int kept) {
        Instant now = now();
        Map<String, Snapshot.Tombstone> removed = pruned(s.removed(), now);
        int added = 0;
        int updated = 0;
        int unchanged = 0;
        int gone = 0;
        for (ServedDocument d : live.values()) {
            ServedDocument previous = s.live().get(d.storageKey());
            removed.remove(d.storageKey());
            if (previous == null) {
                added++;
            } else if (previous.sameContent(d)) {
                unchanged++;
            } else {
                updated++;
            }
        }
        for (ServedDocument previous : s.live().values()) {
            if (!live.containsKey(previous.storageKey())) {
                removed.put(previous.storageKey(), new Snapshot.Tombstone(previous, now.plus(grace)));
                gone++;
            }
        }
        // An unchanged reload keeps the old snapshot, and with it the cached list bodies.
        if (added + updated + gone > 0 || removed.size() != s.removed().size()) {
            snapshot = new Snapshot(live, removed);
        }
        return new ReloadSummary(live.size(), added, updated, unchanged, gone, kept);
    }

    private void notePush(String storageKey) {
        if (pushedDuringReload != null) {
            pushedDuringReload.add(storageKey);
        }
    }

    private static Map<String, Snapshot.Tombstone> pruned(Map<String, Snapshot.Tombstone> removed, Instant now) {
        Map<String, Snapshot.Tombstone> out = new HashMap<>();
        removed.forEach((k, t) -> {
            if (now.isBefore(t.until())) {
                out.put(k, t);
            }
        });
        return out;
    }
}
