package io.modelcatalogbridge.sync;

import io.modelcatalogbridge.source.RegistryEndpoint;
import io.modelcatalogbridge.source.kfmr.ArtifactCache;
import io.modelcatalogbridge.source.kfmr.CatalogModelCache;
import io.modelcatalogbridge.source.kfmr.KfmrClient;
import io.modelcatalogbridge.source.kfmr.KfmrClientSettings;
import io.modelcatalogbridge.source.kfmr.ReadBounds;
import io.modelcatalogbridge.source.kfmr.RegistryContents;
import io.modelcatalogbridge.source.kfmr.RegistryReadOptions;
import io.modelcatalogbridge.source.kfmr.RegistryReader;
import io.modelcatalogbridge.source.kserve.KServeDeployment;
import io.modelcatalogbridge.source.kserve.KServeDeployments;
import io.modelcatalogbridge.source.snapshot.RegistrySnapshot;
import io.modelcatalogbridge.source.snapshot.SnapshotDirectory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Reads every discovered registry, each on its own: a registry that fails contributes its last known contents,
 * marked incomplete, so its documents stay published and nothing is pruned. Keeps per registry the client, the
 * artifact and model-card caches (only changed versions cost an artifacts call) and the last good contents. Reads
 * run on the engine's reader thread; {@link #lastKnown()} is safe to call from the sync thread meanwhile.
 */
final class RegistryReads {

    private static final Logger LOG = Logger.getLogger(RegistryReads.class);

    /** One registry's part of a full sync. */
    record Read(String registryId, Optional<RegistryContents> contents, boolean complete, String error) {}

    private static final class State {
        final RegistryEndpoint endpoint;
        final Optional<String> catalogUrl;
        final KfmrClient client;
        final ArtifactCache artifacts = new ArtifactCache();
        final CatalogModelCache cards;
        Map<String, Long> outcomesSeen = Map.of();
        /** Written by the reader thread, read by deltas on the sync thread. */
        volatile RegistryContents lastKnown;
        /** KServe objects stored in a snapshot directory (none for a live registry: the cluster is watched). */
        volatile List<KServeDeployment> snapshotDeployments = List.of();

        State(RegistryEndpoint endpoint, Optional<String> catalogUrl, KfmrClient client, Duration cardMaxAge) {
            this.endpoint = endpoint;
            this.catalogUrl = catalogUrl;
            this.client = client;
            this.cards = new CatalogModelCache(cardMaxAge);
        }
    }

    private final Function<RegistryEndpoint, KfmrClientSettings> settingsFor;
    private final Duration cardMaxAge;
    private final NormalizerMetrics metrics;
    private final Duration deadline;
    private final Duration slowAfter;
    private final Map<String, State> states = new LinkedHashMap<>();

    RegistryReads(
            Function<RegistryEndpoint, KfmrClientSettings> settingsFor,
            Duration cardMaxAge,
            NormalizerMetrics metrics) {
        this(settingsFor, cardMaxAge, metrics, Duration.ZERO, Duration.ZERO);
    }

    /**
     * @param deadline  longest one registry's read may take ({@code bridge.registry.sync-deadline}); zero: none
     * @param slowAfter a request waiting this long is logged as slow at once; zero: never
     */
    RegistryReads(
            Function<RegistryEndpoint, KfmrClientSettings> settingsFor,
            Duration cardMaxAge,
            NormalizerMetrics metrics,
            Duration deadline,
            Duration slowAfter) {
        this.settingsFor = settingsFor;
        this.cardMaxAge = cardMaxAge;
        this.metrics = metrics;
        this.deadline = deadline;
        this.slowAfter = slowAfter;
    }

    /**
     * Reads the registries of a discovery. Registries no longer discovered are forgotten only when the discovery
     * was complete; otherwise they still contribute their last known contents (incomplete).
     */
    List<Read> readAll(List<RegistryEndpoint> endpoints, Optional<String> catalogUrl, boolean discoveryComplete) {
        return readAll(endpoints, catalogUrl, discoveryComplete, null);
    }

    /**
     * As {@link #readAll(List, Optional, boolean)}; with {@code partial}, a registry read for the first time (no last
     * known contents) whose read makes many artifact calls hands over what it read so far (see
     * {@link RegistryReadOptions#partial()}), so it can be published while the rest is read — but only when every
     * registry that comes before it (by id: it would win a key collision) has contents already, so that the keys of
     * what is handed over are those the whole read will give.
     */
    List<Read> readAll(
            List<RegistryEndpoint> endpoints,
            Optional<String> catalogUrl,
            boolean discoveryComplete,
            RegistryReadOptions.PartialContents partial) {
        Map<String, RegistryEndpoint> wanted = new LinkedHashMap<>();
        endpoints.forEach(e -> wanted.put(e.id(), e));
        List<Read> reads = new ArrayList<>();
        List<State> toRead = new ArrayList<>();
        synchronized (this) {
            forgetOrKeep(wanted, discoveryComplete, reads);
            for (RegistryEndpoint endpoint : wanted.values()) {
                toRead.add(state(endpoint, catalogUrl));
            }
        }
        // The reads themselves hold no lock: deltas use the last known contents meanwhile.
        for (State s : toRead) {
            reads.add(read(s, partial != null && firstReadAfterItsElders(s) ? partial : null));
        }
        return reads;
    }

    private void forgetOrKeep(Map<String, RegistryEndpoint> wanted, boolean discoveryComplete, List<Read> reads) {
        for (String id : new ArrayList<>(states.keySet())) {
            if (!wanted.containsKey(id)) {
                if (discoveryComplete) {
                    LOG.infof("registry %s is no longer discovered; its documents leave the catalog", id);
                    states.remove(id);
                } else {
                    reads.add(new Read(
                            id,
                            Optional.ofNullable(states.get(id).lastKnown),
                            false,
                            "not discovered this time (discovery incomplete)"));
                }
            }
        }
    }

    /** The last known contents of every registry, for deltas (no registry calls). */
    synchronized List<RegistryContents> lastKnown() {
        return states.values().stream()
                .map(s -> s.lastKnown)
                .filter(Objects::nonNull)
                .toList();
    }

    private State state(RegistryEndpoint endpoint, Optional<String> catalogUrl) {
        State s = states.get(endpoint.id());
        if (s == null || !s.endpoint.url().equals(endpoint.url()) || !s.catalogUrl.equals(catalogUrl)) {
            RegistryContents previous = s == null ? null : s.lastKnown;
            KfmrClient client = null;
            if (!isSnapshot(endpoint)) {
                KfmrClientSettings settings = settingsFor.apply(endpoint);
                settings = catalogUrl.map(settings::withCatalogUrl).orElse(settings);
                client = new KfmrClient(settings);
            }
            s = new State(endpoint, catalogUrl, client, cardMaxAge);
            s.lastKnown = previous;
            states.put(endpoint.id(), s);
            LOG.infof(
                    "registry %s at %s (%s)%s",
                    endpoint.id(),
                    endpoint.url(),
                    endpoint.origin(),
                    catalogUrl.map(c -> ", model catalog " + c).orElse(""));
        }
        return s;
    }

    /** Whether {@code s} has no contents yet, and every registry with a smaller id has (read before, or now). */
    private synchronized boolean firstReadAfterItsElders(State s) {
        return s.lastKnown == null
                && states.values().stream()
                        .filter(other -> other.endpoint.id().compareTo(s.endpoint.id()) < 0)
                        .allMatch(other -> other.lastKnown != null);
    }

    private Read read(State s, RegistryReadOptions.PartialContents partial) {
        String id = s.endpoint.id();
        RegistryReadOptions options = RegistryReadOptions.defaults()
                .withLiveOnly(true)
                .withArtifactCache(s.artifacts)
                .withCatalogCache(s.cards)
                .withPartialContents(partial);
        try {
            RegistryContents contents;
            if (isSnapshot(s.endpoint)) {
                RegistrySnapshot snapshot = SnapshotDirectory.read(Path.of(URI.create(s.endpoint.url())));
                contents = snapshot.registry().withRegistryId(id);
                s.snapshotDeployments = KServeDeployments.extract(snapshot.kserve());
            } else {
                s.client.limitTo(bounds(s));
                contents = new RegistryReader(s.client).read(id, options);
            }
            s.lastKnown = contents;
            return new Read(id, Optional.of(contents), true, null);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                // Cancelled (the normalizer stops), not a registry problem: no WARN, no error metric.
                throw new CancellationException("reading registry " + id + " cancelled");
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.warnf("registry %s could not be read completely; keeping its last known documents: %s", id, message);
            metrics.error(id, "read");
            return new Read(id, Optional.ofNullable(s.lastKnown), false, message);
        } finally {
            recordRequests(s);
        }
    }

    /** This read's deadline, and a WARN (plus a metric) the moment a request has waited too long. */
    private ReadBounds bounds(State st) {
        String id = st.endpoint.id();
        Duration requestTimeout = st.client.settings().requestTimeout();
        Optional<Instant> until =
                deadline.isZero() ? Optional.empty() : Optional.of(Instant.now().plus(deadline));
        return new ReadBounds(until, slowAfter, (uri, waited) -> {
            metrics.slowRequest(id);
            LOG.warnf(
                    "registry %s: GET %s has been waiting for %d ms and is still waiting (request timeout %d ms%s);"
                            + " KServe changes are published meanwhile",
                    id,
                    uri,
                    waited.toMillis(),
                    requestTimeout.toMillis(),
                    until.map(u -> ", read deadline " + u).orElse(""));
        });
    }

    private static boolean isSnapshot(RegistryEndpoint endpoint) {
        return endpoint.url().startsWith("file:");
    }

    /** KServe deployments replayed from snapshot directories, as last read. */
    synchronized List<KServeDeployment> snapshotDeployments() {
        return states.values().stream()
                .flatMap(st -> st.snapshotDeployments.stream())
                .toList();
    }

    private void recordRequests(State s) {
        if (s.client == null) {
            return;
        }
        Map<String, Long> now = s.client.requestOutcomes();
        Map<String, Long> delta = new HashMap<>();
        now.forEach((outcome, n) -> {
            long d = n - s.outcomesSeen.getOrDefault(outcome, 0L);
            if (d > 0) {
                delta.put(outcome, d);
            }
        });
        s.outcomesSeen = now;
        delta.forEach((outcome, n) -> metrics.requests(s.endpoint.id(), outcome, n));
    }
}
