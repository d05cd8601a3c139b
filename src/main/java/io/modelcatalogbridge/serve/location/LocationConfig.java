package io.modelcatalogbridge.serve.location;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the location role (see {@code docs/configuration-location.md}). */
@ConfigMapping(prefix = "bridge.location")
public interface LocationConfig {

    /**
     * Base URL of the storage role that location loads its documents from ({@code STORAGE_URL}; default
     * {@code http://$POD_IP:7070}, {@code 127.0.0.1} without {@code POD_IP}, set in {@code application.properties}).
     */
    String storageUrl();

    /** Bearer token for storage's API ({@code STORAGE_TOKEN}), when storage requires one. */
    Optional<String> storageToken();

    /** Timeout of one call to storage (connect and answer). */
    @WithDefault("10s")
    Duration storageTimeout();

    /** Records per page of a full load ({@code GET /documents} of storage). */
    @WithDefault("500")
    int loadPageSize();

    /**
     * How many documents are fetched from storage at the same time during a full load from a storage that cannot
     * answer in pages (the Go bridge's: one {@code GET /fetch} per key).
     */
    @WithDefault("8")
    int loadParallelism();

    /** First wait before retrying a failed start-up load; doubles on each failure up to {@link #loadRetryMax()}. */
    @WithDefault("1s")
    Duration loadRetryMin();

    /** Longest wait between two start-up load attempts. */
    @WithDefault("30s")
    Duration loadRetryMax();

    /**
     * Period of the full reload from storage that heals missed pushes. Pushes keep location current between
     * reloads; this only bounds how long a lost push can go unnoticed.
     */
    @WithDefault("60s")
    Duration reconcileInterval();

    /**
     * How long a removed document stays fetchable (it leaves {@code /list} at once). RHDH's current module aborts a
     * whole poll when one listed document fails to load, so a document listed just before its removal must still
     * answer; keep this above two polling periods of the module (its default period is 30 s).
     */
    @WithDefault("5m")
    Duration removalGrace();
}
