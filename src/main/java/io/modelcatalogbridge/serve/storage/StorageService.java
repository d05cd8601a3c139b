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
        return upsert(DocumentGrammar.key(key), checked(type, request));
    }

    /**
     * A record as a client sent it, after {@link DocumentGrammar} and the clock rule of its time.
     *
     * @throws DocumentGrammar.Violation             when a field breaks the grammar
     * @throws EpochMillis.InvalidTimestampException when the time is not one {@link EpochMillis} accepts
     */
    private StoredDocument checked(String type, StorageWire.UpsertRequest request) {
        DocumentGrammar.Checked c = DocumentGrammar.record(
                type == null ? "" : type.strip().toLowerCase(Locale.ROOT),
                request.body(),
                request.lastUpdateTimeSinceEpoch(),
                request.modelCardKey(),
                request.modelCard());
        return withValidTime(StoredDocument.of(c.body(), c.type(), c.lastUpdate(), c.modelCardKey(), c.modelCard())
                .withSource(request.sourceId()));
    }

    /** @throws EpochMillis.InvalidTimestampException when the record's time is one {@link EpochMillis} refuses */
    private StoredDocument withValidTime(StoredDocument record) {
        return record.lastUpdateTimeSinceEpoch().isEmpty()
                ? record
                : record.withLastUpdate(Long.toString(times.parse(record.lastUpdateTimeSinceEpoch())));
    }

    /**
     * Stores a record unless storage holds a newer one.
     *
     * @throws EpochMillis.InvalidTimestampException when the record's time is not one {@link EpochMillis} accepts
     *                                              (absent is fine: Go clients may not send one)
     */
    Upserted upsert(String key, StoredDocument record) {
        StoredDocument incoming = withValidTime(record);
        requireLoaded();
        return locks.withLock(key, () -> {
            Written w = write(key, incoming);
            w.announce(listeners);
            return w.upserted();
        });
    }

    /**
     * A record written (or refused as stale), and whether its listeners must hear of it.
     *
     * @param changed        whether the stored record changed (listeners are told)
     * @param contentChanged whether the content changed, not only the Backstage location fields
     */
    private record Written(String key, Upserted upserted, boolean changed, boolean contentChanged) {
        void announce(List<DocumentListener> listeners) {
            if (changed) {
                listeners.forEach(l -> l.changed(key, upserted.stored(), contentChanged));
            }
        }
    }

    /** Writes one record under its key's lock (held by the caller), keeping the stored Backstage location. */
    private Written write(String key, StoredDocument incoming) {
        Optional<StoredDocument> existing = store.fetch(key);
        StoredDocument doc = existing.map(incoming::withLocationOf).orElse(incoming);
        StoreResult result = store.upsert(key, doc);
        if (result == StoreResult.STALE) {
            return new Written(key, new Upserted(result, existing.orElse(doc)), false, false);
        }
        boolean contentChanged = existing.map(e -> !e.sameContentAs(doc)).orElse(true);
        return new Written(key, new Upserted(result, doc), result.changed(), contentChanged);
    }

    /**
     * What a batch did with one entry: stored ({@code done}), or not, with the HTTP status a single upsert would have
     * answered and why.
     */
    record BatchItem(String key, Upserted done, int status, String problem) {}

    /**
     * Many upserts, each checked and stored on its own as by {@link #upsert(String, String, StorageWire.UpsertRequest)}
     * (one that breaks the grammar or fails to store does not stop the others), made durable together
     * ({@link DocumentStore#writeTogether}: one directory fsync for the File store) before anything is announced to
     * the listeners or answered. A listener hears of a record only when the store still holds it then, so a newer
     * single upsert of the same key in between is never overtaken by this batch's older record.
     *
     * @param maxDocumentBytes the largest document (base64 body and model card) one upsert may carry
     */
    List<BatchItem> upsertAll(List<StorageWire.BatchUpsert> entries, long maxDocumentBytes) {
        requireLoaded();
        List<BatchItem> items = new ArrayList<>(entries.size());
        List<Written> written = new ArrayList<>();
        store.writeTogether(() -> {
            for (StorageWire.BatchUpsert e : entries) {
                items.add(writeEntry(e, maxDocumentBytes, written));
            }
            return null;
        });
        for (Written w : written) {
            locks.withLock(w.key(), () -> {
                if (store.fetch(w.key()).filter(w.upserted().stored()::equals).isPresent()) {
                    w.announce(listeners);
                }
                return null;
            });
        }
        return items;
    }

    private BatchItem writeEntry(StorageWire.BatchUpsert e, long maxDocumentBytes, List<Written> written) {
        String key;
        StoredDocument incoming;
        try {
            key = DocumentGrammar.key(e.key());
            long size = length(e.body()) + length(e.modelCard()) + length(e.modelCardKey());
            if (size > maxDocumentBytes) {
                return new BatchItem(
                        e.key(),
                        null,
                        413,
                        "document larger than " + maxDocumentBytes + " bytes (bridge.http.max-body-size)");
            }
            incoming = checked(e.type(), e.request());
        } catch (DocumentGrammar.Violation | EpochMillis.InvalidTimestampException bad) {
            return new BatchItem(e.key(), null, 400, bad.getMessage());
        }
        String k = key;
        StoredDocument record = incoming;
        try {
            Written w = locks.withLock(k, () -> write(k, record));
            if (w.changed()) {
                written.add(w);
            }
            return new BatchItem(k, w.upserted(), 200, null);
        } catch (StoreException failed) {
            LOG.errorf("batch upsert of %s failed: %s", k, failed.getMessage());
            return new BatchItem(k, null, StoreErrors.status(failed), failed.getMessage());
        }
    }

    private static long length(String s) {
        return s == null ? 0 : s.length();
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
