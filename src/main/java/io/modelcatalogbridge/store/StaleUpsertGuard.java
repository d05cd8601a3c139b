package io.modelcatalogbridge.store;

import io.modelcatalogbridge.model.EpochMillis;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Decorator refusing upserts older than what is stored: when both the stored and the incoming record carry a
 * {@code lastUpdateTimeSinceEpoch} and the incoming one is smaller, nothing is written and the answer is
 * {@link StoreResult#STALE}. Equal timestamps are accepted (a re-send after a restart carries the same time). A record
 * without a timestamp is never stale and never makes another one stale (Go clients may not send it).
 *
 * <p>A stored time that {@link EpochMillis} refuses (more than 13 digits such as {@code 9223372036854775807}, a sign,
 * or further in the future than the accepted skew) cannot hold a key hostage: it counts as no time, so the next
 * upsert replaces the record. Such a record is logged once, when it is met (storage's API refuses these times, so
 * they only come from records written before it did, or by hand).
 */
public final class StaleUpsertGuard implements DocumentStore {

    private static final Logger LOG = Logger.getLogger(StaleUpsertGuard.class);

    private final DocumentStore delegate;
    private final EpochMillis times;
    private final KeyLocks locks = new KeyLocks(64);
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    public StaleUpsertGuard(DocumentStore delegate, EpochMillis times) {
        this.delegate = delegate;
        this.times = times;
    }

    /** Whether {@code incoming} is older than {@code stored}, judging times by their syntax only. */
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
            StoredDocument stored = delegate.fetch(key).orElse(null);
            if (stored != null && !validTime(stored)) {
                if (reported.add(key)) {
                    LOG.warnf(
                            "%s: stored lastUpdateTimeSinceEpoch '%s' is not a valid time (%s); this upsert replaces"
                                    + " the record",
                            key, stored.lastUpdateTimeSinceEpoch(), times.problem(stored.lastUpdateTimeSinceEpoch()));
                }
                return delegate.upsert(key, doc);
            }
            if (isStale(stored, doc)) {
                return StoreResult.STALE;
            }
            return delegate.upsert(key, doc);
        });
    }

    /** Whether a record's time may make an upsert stale: absent (never does) or valid now. */
    private boolean validTime(StoredDocument d) {
        return d.lastUpdateTimeSinceEpoch().isEmpty()
                || times.tryParse(d.lastUpdateTimeSinceEpoch()).isPresent();
    }

    /**
     * Keys whose stored time {@link EpochMillis} refuses, for the one line storage logs after loading; they are not
     * reported again when their next upsert repairs them.
     */
    public List<String> keysWithInvalidTimes() {
        List<String> keys = delegate.all().entrySet().stream()
                .filter(e -> !validTime(e.getValue()))
                .map(Map.Entry::getKey)
                .toList();
        reported.addAll(keys);
        return keys;
    }

    @Override
    public <T> T writeTogether(Supplier<T> writes) {
        return delegate.writeTogether(writes);
    }

    @Override
    public Optional<StoredDocument> remove(String key) {
        return locks.withLock(key, () -> delegate.remove(key));
    }

    @Override
    public StoreDrift refresh() {
        return delegate.refresh();
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
