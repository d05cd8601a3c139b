package io.modelcatalogbridge.source.kfmr;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Model-catalog models (model cards) fetched in earlier reads, keyed by catalog source, model name and the update
 * time of the artifact pointing at it: while that artifact does not change, the card is not fetched again — until
 * {@code maxAge} has passed, because the catalog can update a card on its own. "No such model" (404) is cached
 * the same way. Thread-safe.
 */
public final class CatalogModelCache {

    private record Entry(String stamp, long fetchedAt, Optional<CatalogModel> model) {}

    private final Map<CatalogReference, Entry> entries = new ConcurrentHashMap<>();
    private final Duration maxAge;
    private final Clock clock;

    public CatalogModelCache(Duration maxAge, Clock clock) {
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public CatalogModelCache(Duration maxAge) {
        this(maxAge, Clock.systemUTC());
    }

    /** The cached lookup (present-but-empty = the catalog had no such model), if still valid for {@code stamp}. */
    public Optional<Optional<CatalogModel>> get(CatalogReference ref, String stamp) {
        Entry e = entries.get(ref);
        if (e == null
                || !e.stamp().equals(String.valueOf(stamp))
                || clock.millis() - e.fetchedAt() > maxAge.toMillis()) {
            return Optional.empty();
        }
        return Optional.of(e.model());
    }

    public void put(CatalogReference ref, String stamp, Optional<CatalogModel> model) {
        entries.put(ref, new Entry(String.valueOf(stamp), clock.millis(), model));
    }

    /** Forgets every reference not in {@code refs}. */
    public void retainOnly(Set<CatalogReference> refs) {
        entries.keySet().retainAll(refs);
    }

    public int size() {
        return entries.size();
    }
}
