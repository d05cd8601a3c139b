package io.modelcatalogbridge.store;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Supplier;

/**
 * Where catalog documents are kept (ConfigMap shards, files, memory). Backends only persist; ordering rules
 * ({@link StaleUpsertGuard}), forwarding to location and Backstage push are layered on top, so every backend behaves
 * the same and is tested by one contract suite.
 *
 * <p>Backends keep an in-memory view loaded by {@link #load()}: reads never touch the backend, writes go through it
 * before the view changes (an acknowledged write is persisted).
 */
public interface DocumentStore {

    /** Reads everything the backend holds; until it returned normally the store is not ready. */
    void load();

    /** Whether {@link #load()} has completed. */
    boolean isLoaded();

    /** The record stored under a key. */
    Optional<StoredDocument> fetch(String key);

    /** Every stored key, sorted. */
    List<String> keys();

    /** A sorted snapshot of every record, for bulk readers. */
    SortedMap<String, StoredDocument> all();

    /**
     * Stores a record. Equal content costs no write and answers {@link StoreResult#UNCHANGED}. Backends never answer
     * {@link StoreResult#STALE}; the guard does.
     */
    StoreResult upsert(String key, StoredDocument doc);

    /**
     * Runs {@code writes} — upserts and removals of this store made by the calling thread — so that all of them are
     * durable when this returns, sharing what the backend can share: the File store fsyncs its directory once at the
     * end instead of once per write. A write inside is acknowledged (to a client) only after this returned. Backends
     * whose every write is durable on its own (ConfigMap: one API write each) just run them.
     */
    default <T> T writeTogether(Supplier<T> writes) {
        return writes.get();
    }

    /** Removes a key; the removed record, empty when the key was unknown. */
    Optional<StoredDocument> remove(String key);

    /**
     * Re-reads what the backend actually holds and brings the in-memory view in line with it, without writing: a
     * shard or file deleted, or a backup restored, behind the store's back becomes visible. Backends nobody else
     * writes to have nothing to do.
     */
    default StoreDrift refresh() {
        return StoreDrift.NONE;
    }

    /** One line for logs and readiness: backend and where it keeps data. */
    String describe();
}
