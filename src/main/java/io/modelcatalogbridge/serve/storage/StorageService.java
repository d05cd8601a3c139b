package io.modelcatalogbridge.serve.storage;

import io.modelcatalogbridge.model.EpochMillis;
import io.modelcatalogbridge.storageapi.ContentDigest;
import io.modelcatalogbridge.storageapi.DocumentGrammar;
import io.modelcatalogbridge.storageapi.StorageWire;
import io.modelcatalogbridge.store.DocumentStore;
import io.modelcatalogbridge.store.KeyLocks;
import io.modelcatalogbridge.store.StoreDrift;
import io.modelcatalogbridge.store.StoreException;
import io.modelcatalogbridge.store.StoreNotReadyException;
import io.modelcatalogbridge.store.StoreResult;
import io.modelcatalogbridge.store.StoredDocument;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * What the storage API does, independent of HTTP: upsert keeping a document's Backstage location, prune to a key set,
 * read. Every change of a key happens under that key's lock (content upserts and location bookkeeping from the
 * Backstage push cannot overwrite each other) and, once stored, is announced to the {@link DocumentListener}s.
 */
final class StorageService implements LocationBook {

    private static final Logger LOG = Logger.getLogger(StorageService.class);

    /** Result of an upsert and the record stored (or kept, when stale). */
    record Upserted(StoreResult result, StoredDocument stored) {}

    /** Result of a prune: the keys removed and the failures, if any. */
    record Pruned(List<String> removed, List<String> failures) {}

    /** A content digest computed for one stored record (records are immutable: same instance, same digest). */
    private record Memo(StoredDocument doc, String digest) {}

    private final DocumentStore store;
    private final List<DocumentListener> listeners;
    private final EpochMillis times;
    private final KeyLocks locks = new KeyLocks(128);
    private final Map<String, Memo> digests = new ConcurrentHashMap<>();

    StorageService(DocumentStore store, List<DocumentListener> listeners, EpochMillis times) {
        this.store = store;
        this.listeners = List.copyOf(listeners);
        this.times = times;
    }

    DocumentStore store() {
        return store;
    }

    List<DocumentListener> listeners() {
        return listeners;
    }

    /**
     * An upsert as a client sends it: key and record pass {@link DocumentGrammar} first (the one grammar of every
     * entry), then the record is stored.
     *
     * @throws DocumentGrammar.Violation when the key or a field breaks the grammar
     */
    Upserted upsert(String key, String type, StorageWire.UpsertRequest request) {
        String k = DocumentGrammar.key(key);
        DocumentGrammar.Checked c = DocumentGrammar.record(
                type == null ? "" : type.strip().toLowerCase(Locale.ROOT),
                request.body(),
                request.lastUpdateTimeSinceEpoch(),
                request.modelCardKey(),
                request.modelCard());
        return upsert(
                k,
                StoredDocument.of(c.body(), c.type(), c.lastUpdate(), c.modelCardKey(), c.modelCard())
                        .withSource(request.sourceId()));
    }

    /**
     * Stores a record unless storage holds a newer one.
     *
     * @throws EpochMillis.InvalidTimestampException when the record's time is not one {@link EpochMillis} accepts
     *                                              (absent is fine: Go clients may not send one)
     */
    Upserted upsert(String key, StoredDocument record) {
        StoredDocument incoming = record.lastUpdateTimeSinceEpoch().isEmpty()
                ? record
                : record.withLastUpdate(Long.toString(times.parse(record.lastUpdateTimeSinceEpoch())));
        requireLoaded();
        return locks.withLock(key, () -> {
            Optional<StoredDocument> existing = store.fetch(key);
            StoredDocument doc = existing.map(incoming::withLocationOf).orElse(incoming);
            StoreResult result = store.upsert(key, doc);
            if (result == StoreResult.STALE) {
                return new Upserted(result, existing.orElse(doc));
            }
            if (result.changed()) {
                boolean contentChanged =
                        existing.map(e -> !e.sameContentAs(doc)).orElse(true);
                listeners.forEach(l -> l.changed(key, doc, contentChanged));
            }
            return new Upserted(result, doc);
        });
    }

    /** Removes every stored key not in {@code keep} (an empty set removes everything, as the Go bridge did). */
    Pruned retainOnly(Set<String> keep) {
        requireLoaded();
        List<String> removed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (String key : store.keys()) {
            if (keep.contains(key)) {
                continue;
            }
            try {
                locks.withLock(key, () -> store.remove(key)).ifPresent(old -> {
                    removed.add(key);
                    listeners.forEach(l -> l.removed(key, old));
                });
            } catch (StoreException e) {
                LOG.errorf("cannot remove %s: %s", key, e.getMessage());
                failures.add(key + ": " + e.getMessage());
            }
        }
        if (!removed.isEmpty()) {
            LOG.infof(
                    "pruned %d documents, %d kept", removed.size(), store.keys().size());
        }
        return new Pruned(removed, failures);
    }

    Optional<StoredDocument> fetch(String key) {
        requireLoaded();
        return store.fetch(key);
    }

    List<String> keys() {
        requireLoaded();
        return store.keys();
    }

    SortedMap<String, StoredDocument> all() {
        requireLoaded();
        return store.all();
    }

    /**
     * One page of the digest listing, in key order after {@code after}. The first page ({@code after} empty) first
     * re-reads the backend ({@link DocumentStore#refresh()}), so a full sync compares against what storage actually
     * holds; what changed behind storage's back is logged, and the caller's repair is what location then sees.
     */
    StorageWire.Digests digests(String after, int limit) {
        requireLoaded();
        if (after == null || after.isEmpty()) {
            refresh();
        }
        SortedMap<String, StoredDocument> all = store.all();
        WireRecords.Page<StorageWire.Digest> page =
                WireRecords.page(all, after, limit, (key, d) -> WireRecords.toDigest(key, d, digestOf(key, d)));
        digests.keySet().retainAll(all.keySet());
        return new StorageWire.Digests(page.items(), page.next());
    }

    private synchronized void refresh() {
        StoreDrift drift = store.refresh();
        if (!drift.none()) {
            LOG.warnf(
                    "storage backend changed behind storage's back (%s): %s; a full sync of the normalizer repairs it",
                    store.describe(), drift.summary());
        }
    }

    private String digestOf(String key, StoredDocument d) {
        Memo m = digests.get(key);
        if (m != null && m.doc() == d) {
            return m.digest();
        }
        byte[] body;
        try {
            body = Base64.getDecoder().decode(d.body());
        } catch (IllegalArgumentException notBase64) {
            // Only a record written by something else can hold this; its digest matches nothing, so it is re-sent.
            body = d.body().getBytes(StandardCharsets.UTF_8);
        }
        String digest = ContentDigest.of(body, d.reconcilerType(), d.modelCardKey(), d.modelCard());
        digests.put(key, new Memo(d, digest));
        return digest;
    }

    @Override
    public Optional<StoredDocument> current(String key) {
        return store.fetch(key);
    }

    @Override
    public void recordLocation(String key, String locationId, String target, boolean valid) {
        locks.withLock(
                key,
                () -> store.fetch(key)
                        .map(d -> store.upsert(key, d.withLocation(locationId, target, valid)))
                        .orElse(null));
    }

    private void requireLoaded() {
        if (!store.isLoaded()) {
            throw new StoreNotReadyException("storage is still loading (" + store.describe() + ")");
        }
    }
}
