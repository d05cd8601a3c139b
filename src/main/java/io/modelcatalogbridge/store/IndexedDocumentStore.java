package io.modelcatalogbridge.store;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The read side every backend shares: all records are held in a sorted in-memory index, filled by {@code load()}
 * and kept current by the backend's own writes, so fetch, list and export never touch the backend. Subclasses
 * decide how records are persisted.
 */
public abstract class IndexedDocumentStore implements DocumentStore {

    /** Every stored record by key, sorted (stable {@code /list} order). */
    protected final ConcurrentSkipListMap<String, StoredDocument> index = new ConcurrentSkipListMap<>();

    /** Set once {@code load()} finished; writes before that are refused. */
    protected volatile boolean loaded;

    @Override
    public boolean isLoaded() {
        return loaded;
    }

    @Override
    public Optional<StoredDocument> fetch(String key) {
        return Optional.ofNullable(index.get(key));
    }

    @Override
    public List<String> keys() {
        return List.copyOf(index.keySet());
    }

    @Override
    public SortedMap<String, StoredDocument> all() {
        return new TreeMap<>(index);
    }

    /** @throws StoreNotReadyException naming the backend while it is still loading */
    protected void requireLoaded() {
        if (!loaded) {
            throw new StoreNotReadyException(describe() + " is still loading");
        }
    }
}
