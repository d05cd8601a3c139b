package io.modelcatalogbridge.serve.storage;

import io.modelcatalogbridge.store.DocumentStore;
import io.modelcatalogbridge.store.KeyLocks;
import io.modelcatalogbridge.store.StoreException;
import io.modelcatalogbridge.store.StoreNotReadyException;
import io.modelcatalogbridge.store.StoreResult;
import io.modelcatalogbridge.store.StoredDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
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

    private final DocumentStore store;
    private final List<DocumentListener> listeners;
    private final KeyLocks locks = new KeyLocks(128);

    StorageService(DocumentStore store, List<DocumentListener> listeners) {
        this.store = store;
        this.listeners = List.copyOf(listeners);
    }

    DocumentStore store() {
        return store;
    }

    List<DocumentListener> listeners() {
        return listeners;
    }

    Upserted upsert(String key, StoredDocument incoming) {
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
