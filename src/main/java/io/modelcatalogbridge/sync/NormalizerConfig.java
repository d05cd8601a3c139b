package io.modelcatalogbridge.sync;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** How the normalizer syncs: when, in which format, and where it sends documents. */
@ConfigMapping(prefix = "bridge.normalizer")
public interface NormalizerConfig {

    /** Time between two full syncs, as a Go duration ({@code POLLING_INTERVAL}, e.g. {@code 2m}, {@code 30s}). */
    @WithDefault("2m")
    String pollingInterval();

    /** Base URL of the storage role ({@code STORAGE_URL}; default {@code http://$POD_IP:7070}). */
    @WithDefault("http://127.0.0.1:7070")
    String storageUrl();

    /** Timeout of one call to storage. */
    @WithDefault("30s")
    Duration storageTimeout();

    /**
     * Most upserts in flight to storage at once. A first sync of 10,000 versions sends 10,000 documents; storage
     * writes different keys in parallel (the File store fsyncs each file, ~2 ms), so a few at a time cut that wait.
     */
    @WithDefault("4")
    int storageConcurrency();

    /**
     * Most documents in one {@code POST /upserts} to storage (one request instead of one per document: the HTTP stack
     * of all three roles was most of a first sync's CPU); 1 sends one {@code POST /upsert} per document. A storage
     * without the endpoint (the Go bridge's, an older one) gets one {@code /upsert} per document anyway.
     */
    @WithDefault("100")
    int storageBatchSize();

    /**
     * When a full sync did not reach storage (storage not up yet — the sidecars start together — or down), the next
     * full sync starts this long after it, doubling at each further such sync, never later than the polling interval;
     * a sync that reaches storage brings back the polling interval.
     */
    @WithDefault("1s")
    Duration storageRetryBackoff();

    /**
     * The first full sync sends a registry's documents while the rest of it is read, every this many artifact calls
     * (a first read of 10,000 versions makes 10,000 of them); 0 sends only when everything is read.
     */
    @WithDefault("1000")
    int partialPublishEvery();

    /** Bearer token sent to storage ({@code STORAGE_TOKEN}), when storage requires one. */
    Optional<String> storageToken();

    /** A KServe change is published after this long without further changes. */
    @WithDefault("200ms")
    Duration debounceQuiet();

    /** … but never later than this after the first change of a burst (keeps a change within 1 s of storage). */
    @WithDefault("800ms")
    Duration debounceMaxWait();

    /** How long a fetched model card is reused while its artifact does not change. */
    @WithDefault("1h")
    Duration modelCardMaxAge();

    /** The mass-removal guard (docs/sync.md). */
    RemovalGuardConfig removalGuard();

    /** When a removal looks like an accident, and who may wave it through. */
    interface RemovalGuardConfig {
        /**
         * A sync removing more than this share of a source's documents ({@code REMOVAL_GUARD_SHARE}, 0 to 1) …
         */
        @WithDefault("0.5")
        double share();

        /** … and more than this many of them ({@code REMOVAL_GUARD_MIN_DOCUMENTS}), or all of them, is held. */
        @WithDefault("3")
        int minDocuments();

        /**
         * Consecutive complete full syncs that must see the same removal before it is applied
         * ({@code REMOVAL_GUARD_SYNCS}); 1 switches the guard off.
         */
        @WithDefault("3")
        int syncs();

        /**
         * Sources (registry ids, {@code kserve}, or {@code *}) whose held removal the operator confirms: applied at
         * the next complete sync ({@code REMOVAL_CONFIRM}).
         */
        Optional<List<String>> confirm();

        default RemovalGuard.Settings settings() {
            Set<String> confirmed = new TreeSet<>();
            confirm().orElse(List.of()).stream()
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .forEach(confirmed::add);
            return new RemovalGuard.Settings(share(), minDocuments(), syncs(), confirmed);
        }
    }
}
