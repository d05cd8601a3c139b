package io.modelcatalogbridge.store;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;

/**
 * Decorator refusing upserts older than what is stored: when both the stored and the incoming record carry a numeric
 * {@code lastUpdateTimeSinceEpoch} and the incoming one is smaller, nothing is written and the answer is
 * {@link StoreResult#STALE}. Equal timestamps are accepted (a re-send after a restart carries the same time). A record
 * without a timestamp is never stale and never makes another one stale (Go clients may not send it).
 */
public final class StaleUpsertGuard implements DocumentStore {

    private final DocumentStore delegate;
    private final KeyLocks locks = new KeyLocks(64);

    public StaleUpsertGuard(DocumentStore delegate) {
        this.delegate = delegate;
    }

    /** Whether {@code incoming} is older than {@code stored}. */
    public static boolean isStale(StoredDocument stored, StoredDocument incoming) {
        if (stored == null) {
            return false;
        }
        OptionalLong have = stored.lastUpdate();
        OptionalLong got = incoming.lastUpdate();
        return have.isPresent() && got.isPresent() && got.getAsLong() < have.getAsLong();
    }

    @Override
    public StoreResult upsert(String key, StoredDocument doc) {
        return locks.withLock(key, () -> {
            if (isStale(delegate.fetch(key).orElse(null), doc)) {
                return StoreResult.STALE;
            }
            return delegate.upsert(key, doc);
        });
    }

    @Override
    public Optional<StoredDocument> remove(String key) {
        return locks.withLock(key, () -> delegate.remove(key));
    }

    @Override
    public void load() {
        delegate.load();
    }

    @Override
    public boolean isLoaded() {
        return delegate.isLoaded();
    }

    @Override
    public Optional<StoredDocument> fetch(String key) {
        return delegate.fetch(key);
    }

    @Override
    public List<String> keys() {
        return delegate.keys();
    }

    @Override
    public SortedMap<String, StoredDocument> all() {
        return delegate.all();
    }

    @Override
    public String describe() {
        return delegate.describe();
    }
}
