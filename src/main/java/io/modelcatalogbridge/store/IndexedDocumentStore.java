package io.modelcatalogbridge.store;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The read side and the load lifecycle every backend shares: all records are held in a sorted in-memory index,
 * filled by {@link #load()} and kept current by the backend's own writes, so fetch, list and export never touch the
 * backend. Subclasses decide how records are read and persisted; readiness is this class's alone.
 *
 * <p>The store is loaded (ready, writable by callers) only once {@link #loadBackend()} returned normally, including
 * whatever the backend does at load besides reading (the ConfigMap backend's legacy import and stray-shard moves):
 * a store that says "loaded" never serves a half-read or half-imported state. During the load the backend may
 * write through its own write path; callers' writes are refused until it has finished.
 */
public abstract class IndexedDocumentStore implements DocumentStore {

    private enum State {
        NOT_LOADED,
        LOADING,
        LOADED
    }

    /** Every stored record by key, sorted (stable {@code /list} order). */
    private final ConcurrentSkipListMap<String, StoredDocument> index = new ConcurrentSkipListMap<>();

    private volatile State state = State.NOT_LOADED;

    @Override
    public final synchronized void load() {
        state = State.LOADING;
        try {
            index.clear();
            loadBackend();
            state = State.LOADED;
        } finally {
            if (state != State.LOADED) {
                state = State.NOT_LOADED;
            }
        }
    }

    /**
     * Reads everything the backend holds into the index ({@link #indexPut}) and finishes whatever the backend does at
     * load; throws when that cannot be done completely (the load is retried).
     */
    protected abstract void loadBackend();

    @Override
    public final boolean isLoaded() {
        return state == State.LOADED;
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

    /** The indexed record of a key, or null. */
    protected final StoredDocument indexed(String key) {
        return index.get(key);
    }

    /** Records a key's persisted record in the index. */
    protected final void indexPut(String key, StoredDocument doc) {
        index.put(key, doc);
    }

    /** Drops a key from the index once its removal is persisted. */
    protected final void indexRemove(String key) {
        index.remove(key);
    }

    /** Number of indexed records. */
    protected final int indexSize() {
        return index.size();
    }

    /** @throws StoreNotReadyException naming the backend until the load has finished */
    protected final void requireLoaded() {
        if (state != State.LOADED) {
            throw new StoreNotReadyException(describe() + " is still loading");
        }
    }
}
