package io.modelcatalogbridge.sync;

import io.modelcatalogbridge.kube.KubernetesAccess;
import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.model.EpochMillis;
import io.modelcatalogbridge.model.MappingSettings;
import io.modelcatalogbridge.render.Renderers;
import io.modelcatalogbridge.source.RegistryConfig;
import io.modelcatalogbridge.source.RegistryDiscovery;
import io.modelcatalogbridge.source.RegistryEndpoint;
import io.modelcatalogbridge.source.RegistryToken;
import io.modelcatalogbridge.source.TrustBundle;
import io.modelcatalogbridge.source.kfmr.KfmrClientSettings;
import io.modelcatalogbridge.source.kfmr.RegistryContents;
import io.modelcatalogbridge.source.kfmr.RegistryReadOptions;
import io.modelcatalogbridge.source.kserve.KServeDeployment;
import io.modelcatalogbridge.source.kserve.KServeMapper;
import io.modelcatalogbridge.source.kserve.KServeWatcher;
import io.modelcatalogbridge.storageapi.StorageHttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The normalizer's engine. Publishing — comparing with storage and sending — happens on one thread, so a full sync
 * and a delta never publish at the same time:
 * <ul>
 *   <li><b>full</b>, every {@code POLLING_INTERVAL}: rediscover registries and read each (a failed one contributes
 *       its last known contents) on the reader thread; then, on the sync thread, take the KServe view from the
 *       informer caches, assemble, list what storage holds and send what differs, and remove what no source has
 *       any more — only when every source was read completely, and through the {@link RemovalGuard};</li>
 *   <li><b>delta</b>, after KServe events (debounced): re-assemble from the cached registry contents and the
 *       current informer caches — no registry calls — and send what changed. A delta runs while a full sync waits
 *       for a slow registry: the reads happen on their own thread.</li>
 * </ul>
 */
@ApplicationScoped
public class SyncEngine {

    private static final Logger LOG = Logger.getLogger(SyncEngine.class);
    /**
     * How long {@link #stop()} waits for a cancelled sync's threads to end: they must be gone before the application
     * destroys the beans they use (a sync running on into a stopped container logged "ArC container not
     * initialized" as an ERROR). Interrupted calls end at once; this bounds a call that ignores the interrupt.
     */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final NormalizerConfig config;
    private final MappingConfig mappingConfig;
    private final RegistryConfig registryConfig;
    private final RegistryDiscovery discovery;
    private final KServeWatcher kserve;
    private final KubernetesAccess kubernetes;
    private final NormalizerMetrics metrics;
    private final UnservedDeployments unserved;
    private final EpochMillis times;
    private final AtomicLong syncIds = new AtomicLong();
    /** Publishes (full and delta) one at a time. */
    private ScheduledExecutorService executor;
    /** Reads the registries of full syncs, so that a slow registry never holds up a delta. */
    private ScheduledExecutorService reader;
    /** Lists what storage holds for a full sync while its registries are read. */
    private ExecutorService lister;

    private Publisher publisher;
    private RegistryReads reads;
    private Debouncer debouncer;
    private RegistryToken token;
    private MappingSettings mapping;
    private boolean lastFullComplete;
    private volatile SyncReport lastFullReport;
    private volatile SyncReport reachedStorage;
    private volatile SyncReport lastReport;
    private final Set<String> heldSources = new HashSet<>();
    /** The last mapping of each registry: a sync maps again only registries whose contents or KServe join changed. */
    private final RegistryMappings mappings = new RegistryMappings();
    /** The syncs under way, by id, so that a stop can say which it cancelled. */
    private final Map<Long, SyncKind> running = new ConcurrentSkipListMap<>();
    /** Set by {@link #stop()}: a sync that fails from here on was cancelled, it did not fail. */
    private volatile boolean stopping;
    /** A registry's part waiting to be published ({@link #offerPart}). */
    private final AtomicReference<Part> nextPart = new AtomicReference<>();
    /** Time between full syncs that reached storage. */
    private Duration interval;
    /** The wait before the next full sync when the last one did not reach storage; doubles up to the interval. */
    private Duration retryIn;

    SyncEngine(
            NormalizerConfig config,
            MappingConfig mappingConfig,
            RegistryConfig registryConfig,
            RegistryDiscovery discovery,
            KServeWatcher kserve,
            KubernetesAccess kubernetes,
            NormalizerMetrics metrics,
            @ConfigProperty(name = "bridge.timestamps.max-future-skew", defaultValue = "1h") Duration maxFutureSkew) {
        this.config = config;
        this.mappingConfig = mappingConfig;
        this.registryConfig = registryConfig;
        this.discovery = discovery;
        this.kserve = kserve;
        this.kubernetes = kubernetes;
        this.metrics = metrics;
        this.unserved = new UnservedDeployments(kserve::lookup, metrics);
        this.times = EpochMillis.system(maxFutureSkew);
    }

    /** Validates the configuration, starts the KServe watches and schedules the full syncs; sends to storage over HTTP. */
    public synchronized void start() {
        start(null);
    }

    /**
     * As {@link #start()}, sending documents to {@code sink} instead of the storage URL ({@code run} hands them to
     * storage in process); {@code null} means the storage REST API.
     */
    public synchronized void start(DocumentSink sink) {
        if (executor != null) {
            return;
        }
        Duration interval = GoDuration.parse(config.pollingInterval());
        if (interval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException(
                    "POLLING_INTERVAL must be at least 100ms, got " + config.pollingInterval());
        }
        if (config.storageRetryBackoff().compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException(
                    "bridge.normalizer.storage-retry-backoff must be positive, got " + config.storageRetryBackoff());
        }
        RemovalGuard.Settings guard = config.removalGuard().settings();
        var renderer = Renderers.require(mappingConfig.format());
        mapping = mappingConfig.settings().withTimes(times);
        token = new RegistryToken(registryConfig.token(), registryConfig.kubernetesToken(), registryConfig.tokenFile());
        Optional<Path> ca =
                TrustBundle.merge(registryConfig.caBundle(), registryConfig.caPem(), registryConfig.serviceAccountCa());
        reads = new RegistryReads(
                endpoint -> clientSettings(endpoint, ca),
                config.modelCardMaxAge(),
                metrics,
                registryConfig.syncDeadline(),
                registryConfig.slowRequestWarning());
        publisher = new Publisher(
                sink != null
                        ? sink
                        : new StorageSink(new StorageHttpClient(
                                URI.create(config.storageUrl()), config.storageTimeout(), config::storageToken)),
                renderer,
                config.storageConcurrency(),
                config.storageBatchSize(),
                times,
                guard);
        executor = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "normalizer-sync"));
        reader = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "normalizer-read"));
        // Its thread ends when idle: a sidecar at rest keeps no thread (and stack) for a listing every few minutes.
        lister = new ThreadPoolExecutor(
                0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> daemon(r, "normalizer-list"));
        debouncer = new Debouncer(
                executor, config.debounceQuiet(), config.debounceMaxWait(), this::deltaSync, System::nanoTime);
        LOG.infof(
                "normalizer: full sync every %s, format %s, storage %s, registry token from %s, TLS %s; removals of"
                        + " more than %d%% (and more than %d) or all of a source's documents are held until %d full"
                        + " syncs agree%s",
                config.pollingInterval(),
                renderer.formatName(),
                sink != null ? "in process" : config.storageUrl(),
                token.origin(),
                registryConfig.insecureSkipTlsVerify()
                        ? "NOT VERIFIED (insecure opt-out)"
                        : ca.map(p -> "verified (JDK roots + extra CAs)").orElse("verified (JDK roots)"),
                Math.round(guard.share() * 100),
                guard.minDocuments(),
                guard.syncs(),
                guard.confirmed().isEmpty() ? "" : "; confirmed by the operator for " + guard.confirmed());
        if (!guard.confirmed().isEmpty()) {
            LOG.warnf(
                    "REMOVAL_CONFIRM is set (%s): mass removals of these sources are applied without waiting; unset"
                            + " it once the intended removal is done",
                    String.join(",", guard.confirmed()));
        }
        this.interval = interval;
        this.retryIn = config.storageRetryBackoff();
        kserve.start(kubernetes.client(), debouncer::changed);
        reader.execute(this::scheduledFullSync);
    }

    /**
     * A full sync of the schedule, then the next one: {@code POLLING_INTERVAL} after this one ended when it reached
     * storage; sooner when it did not (storage not up yet — the sidecars start together — or down), after
     * {@code storage-retry-backoff}, doubling at each sync that does not reach storage, never longer than the interval.
     * Without it a normalizer whose storage started a second after it stayed unready for a whole interval.
     */
    private void scheduledFullSync() {
        boolean reached = false;
        long before = syncIds.get();
        try {
            SyncReport r = fullSync();
            // A sync that failed returns the last report, which is older than this sync (or a delta's).
            reached = r != null && r.kind() == SyncKind.FULL && r.id() > before && r.reachedStorage();
        } finally {
            scheduleNextFullSync(reached);
        }
    }

    /** On the reader thread only (as {@link #retryIn}). */
    private void scheduleNextFullSync(boolean reachedStorage) {
        if (stopping || reader.isShutdown()) {
            return;
        }
        Duration next = interval;
        if (reachedStorage) {
            retryIn = config.storageRetryBackoff();
        } else if (retryIn.compareTo(interval) < 0) {
            next = retryIn;
            retryIn = retryIn.multipliedBy(2);
            LOG.infof(
                    "the full sync did not reach storage: the next one starts in %s (then at most every %s)",
                    humanDuration(next), config.pollingInterval());
        }
        try {
            reader.schedule(this::scheduledFullSync, next.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            LOG.debug("no next full sync: the normalizer is stopping");
        }
    }

    private static String humanDuration(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Cancels the syncs under way (their calls are interrupted; nothing half-done is published: storage only ever
     * got whole documents, and removals come last) and waits, for {@link #STOP_WAIT} at most, until their threads
     * have ended. One INFO line names what was cancelled.
     */
    public synchronized void stop() {
        if (executor == null || stopping) {
            return;
        }
        stopping = true;
        List<String> cancelled = running.entrySet().stream()
                .map(e -> e.getValue().label() + " sync " + e.getKey())
                .toList();
        kserve.stop();
        reader.shutdownNow();
        executor.shutdownNow();
        lister.shutdownNow();
        boolean ended;
        try {
            long deadline = System.nanoTime() + STOP_WAIT.toNanos();
            ended = reader.awaitTermination(STOP_WAIT.toNanos(), TimeUnit.NANOSECONDS)
                    && executor.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)
                    && lister.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = false;
        }
        if (!cancelled.isEmpty()) {
            LOG.infof("%s cancelled: the normalizer is stopping", String.join(" and ", cancelled));
        }
        if (!ended) {
            LOG.warnf("a cancelled sync was still running %s after the stop; stopping anyway", STOP_WAIT);
        }
    }

    /** A sync that ends in an exception after {@link #stop()} was cancelled: stop() says so, once. */
    private boolean cancelledByStop(long id, Throwable e) {
        if (!stopping) {
            return false;
        }
        LOG.debugf("sync %d ended by the stop: %s", id, e);
        return true;
    }

    /** Runs a full sync now (after any full sync in progress); for tests and tools. */
    public CompletableFuture<SyncReport> fullSyncNow() {
        return CompletableFuture.supplyAsync(this::fullSync, reader);
    }

    /**
     * Whether a full sync has reached storage: storage listed what it holds and took every document. Once true it
     * stays true (a later failure is reported in {@link #readinessDetail()}, the log and the metrics; taking a
     * sidecar out of service would not bring storage back).
     */
    public boolean firstFullSyncDone() {
        return reachedStorage != null;
    }

    /** One line for readiness: the last full sync and anything wrong with it. */
    public String readinessDetail() {
        SyncReport full = lastFullReport;
        if (full == null) {
            return "waiting for the first full sync";
        }
        List<String> parts = new ArrayList<>();
        if (reachedStorage == null) {
            parts.add("no full sync has reached storage yet");
        }
        parts.add("last full sync " + full.id() + " " + (full.complete() ? "complete" : "INCOMPLETE") + ": "
                + full.documents() + " documents, " + full.upserted() + " upserted, " + full.failed() + " failed");
        if (!full.reachedStorage()) {
            parts.add("storage failed: " + String.join("; ", full.errors()));
        }
        if (!full.held().isEmpty()) {
            parts.add("removal held: " + full.heldSummary());
        }
        if (!full.incomplete().isEmpty()) {
            parts.add("incomplete: " + String.join("; ", full.incomplete()));
        }
        return String.join("; ", parts);
    }

    private KfmrClientSettings clientSettings(RegistryEndpoint endpoint, Optional<Path> ca) {
        KfmrClientSettings s = KfmrClientSettings.of(endpoint.url())
                .withToken(token)
                .withPageSize(registryConfig.pageSize())
                .withTimeouts(registryConfig.connectTimeout(), registryConfig.requestTimeout())
                .withRetries(registryConfig.maxAttempts(), registryConfig.initialBackoff())
                .withMaxConcurrentRequests(registryConfig.maxConcurrentRequests())
                .withInsecureSkipTlsVerify(registryConfig.insecureSkipTlsVerify());
        return ca.map(s::withCaBundle).orElse(s);
    }

    /** What a full sync read, handed from the reader thread to the sync thread. */
    private record FullRead(
            long id,
            long start,
            Duration reading,
            List<RegistryReads.Read> registries,
            boolean complete,
            List<String> incomplete) {}

    /** A full sync: reads on the calling (reader) thread, then publishes on the sync thread and waits for it. */
    private SyncReport fullSync() {
        long start = System.nanoTime();
        long id = syncIds.incrementAndGet();
        MDC.put("sync", id);
        running.put(id, SyncKind.FULL);
        try {
            // Storage is listed while the registries are read (the publish on the sync thread comes after this).
            executor.execute(() -> publisher.startListing(lister));
            token.refresh();
            RegistryDiscovery.Result found = discovery.discover();
            kserve.retryMissing();
            // The first full sync publishes a registry's documents while its artifacts are still read (a first read
            // of 10,000 versions makes 10,000 artifact calls); later ones have nothing much to send by then, and the
            // deltas they run alongside publish the last known contents, which a part would contradict.
            RegistryReadOptions.PartialContents partial = lastFullReport == null && config.partialPublishEvery() > 0
                    ? new RegistryReadOptions.PartialContents(
                            config.partialPublishEvery(), contents -> offerPart(id, contents))
                    : null;
            List<RegistryReads.Read> regs =
                    reads.readAll(found.registries(), found.catalogUrl(), found.complete(), partial);
            nextPart.set(null); // the full publish comes next and covers it
            List<String> incomplete = new ArrayList<>();
            found.problems().forEach(p -> incomplete.add("discovery: " + p));
            regs.stream().filter(r -> !r.complete()).forEach(r -> incomplete.add(r.registryId() + ": " + r.error()));
            boolean complete = found.complete() && regs.stream().allMatch(RegistryReads.Read::complete);
            FullRead read =
                    new FullRead(id, start, Duration.ofNanos(System.nanoTime() - start), regs, complete, incomplete);
            return executor.submit(() -> publishFull(read)).get();
        } catch (ExecutionException e) {
            return failed(id, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return lastReport;
        } catch (RuntimeException e) {
            return failed(id, e);
        } finally {
            running.remove(id);
            MDC.remove("sync");
        }
    }

    /**
     * Queues the publish of a part (on the sync thread); a part not yet published is replaced by the newer one, which
     * holds all of it.
     */
    private void offerPart(long id, RegistryContents contents) {
        if (nextPart.getAndSet(new Part(id, contents)) == null) {
            executor.execute(this::publishPart);
        }
    }

    /** A registry's contents read so far in full sync {@code id}. */
    private record Part(long id, RegistryContents contents) {}

    private void publishPart() {
        Part part = nextPart.getAndSet(null);
        if (part == null || stopping) {
            return;
        }
        MDC.put("sync", part.id());
        try {
            String registryId = part.contents().registryId();
            List<RegistryContents> contents = new ArrayList<>();
            reads.lastKnown().stream()
                    .filter(c -> !c.registryId().equals(registryId))
                    .forEach(contents::add);
            contents.add(part.contents());
            List<KServeDeployment> deployments = new ArrayList<>(kserve.view().deployments());
            deployments.addAll(reads.snapshotDeployments());
            // Assembled with every other registry, so keys resolve as in the whole sync; only this registry's
            // documents go out (a deployment of a version not read yet is no KServe-only document).
            List<CatalogDocument> documents =
                    CatalogAssembler.assemble(contents, deployments, mapping, mappings).documents().stream()
                            .filter(d -> registryId.equals(d.sourceId()))
                            .toList();
            Publisher.Outcome o = publisher.publishPart(documents);
            LOG.debugf(
                    "sync %d: %d documents of registry %s read so far, %d upserted ahead of the full publish",
                    part.id(), documents.size(), registryId, o.upserted());
        } catch (RuntimeException e) {
            if (!stopping) {
                // Nothing lost: the full publish of the same sync sends (and reports) every document.
                LOG.debugf("sync %d: publishing a part failed: %s", part.id(), e.toString());
            }
        } finally {
            MDC.remove("sync");
        }
    }

    private SyncReport failed(long id, Throwable e) {
        if (cancelledByStop(id, e)) {
            return lastReport;
        }
        LOG.errorf("full sync %d failed: %s", id, e.getMessage() == null ? e.toString() : e.getMessage());
        metrics.error("normalizer", SyncKind.FULL.label());
        metrics.sync(SyncKind.FULL, "failed");
        return lastReport;
    }

    private SyncReport publishFull(FullRead read) {
        MDC.put("sync", read.id());
        try {
            List<RegistryContents> contents = new ArrayList<>();
            long now = Instant.now().getEpochSecond();
            for (RegistryReads.Read r : read.registries()) {
                r.contents().ifPresent(contents::add);
                if (r.complete()) {
                    metrics.lastSuccess(r.registryId(), now);
                }
            }
            lastFullComplete = read.complete();
            SyncReport report = publish(
                    read.id(),
                    SyncKind.FULL,
                    contents,
                    kserve.view(),
                    read.complete(),
                    new ArrayList<>(read.incomplete()),
                    read.start(),
                    read.reading());
            lastFullReport = report;
            if (report.reachedStorage()) {
                reachedStorage = report;
            }
            return report;
        } finally {
            MDC.remove("sync");
        }
    }

    private void deltaSync() {
        if (lastFullReport == null) {
            return; // the first full sync includes the KServe view anyway
        }
        long start = System.nanoTime();
        long id = syncIds.incrementAndGet();
        MDC.put("sync", id);
        running.put(id, SyncKind.DELTA);
        try {
            List<String> incomplete = new ArrayList<>();
            if (!lastFullComplete) {
                incomplete.add("last full sync was incomplete");
            }
            publish(
                    id,
                    SyncKind.DELTA,
                    reads.lastKnown(),
                    kserve.view(),
                    lastFullComplete,
                    incomplete,
                    start,
                    Duration.ZERO);
        } catch (RuntimeException e) {
            if (cancelledByStop(id, e)) {
                return;
            }
            LOG.errorf("delta sync %d failed: %s", id, e.getMessage());
            metrics.error("normalizer", SyncKind.DELTA.label());
            metrics.sync(SyncKind.DELTA, "failed");
        } finally {
            running.remove(id);
            MDC.remove("sync");
        }
    }

    private SyncReport publish(
            long id,
            SyncKind kind,
            List<RegistryContents> contents,
            KServeWatcher.View view,
            boolean registriesComplete,
            List<String> incomplete,
            long start,
            Duration reading) {
        if (!view.complete()) {
            incomplete.add("kserve: informer caches not synced or not watching");
        } else if (view.enabled()) {
            metrics.lastSuccess(KServeMapper.SOURCE_ID, Instant.now().getEpochSecond());
        }
        List<KServeDeployment> deployments = new ArrayList<>(view.deployments());
        deployments.addAll(reads.snapshotDeployments());
        boolean full = kind == SyncKind.FULL;
        if (!full) {
            deployments.addAll(unserved.lookedUp(deployments));
        }
        // Registries whose contents and KServe join did not change keep their mapping (compared in full).
        CatalogAssembler.Assembly a = CatalogAssembler.assemble(contents, deployments, mapping, mappings);
        if (full) {
            List<KServeDeployment> found = unserved.lookUp(a.unserved(), deployments);
            if (!found.isEmpty()) {
                deployments.addAll(found);
                a = CatalogAssembler.assemble(contents, deployments, mapping, mappings);
            }
        }
        a.problems().forEach(p -> LOG.debug(p));
        unserved.report(a.unserved());
        boolean complete = registriesComplete && view.complete();
        Publisher.Outcome o = publisher.publish(a.documents(), PublishOptions.of(kind, complete));
        if (stopping) {
            // Its calls were interrupted: what storage said is no report on storage, and no one reads it now.
            throw new CancellationException(kind.label() + " sync " + id + " cancelled");
        }
        o.errors().forEach(e -> metrics.error("storage", kind.label()));
        o.warnings().forEach(LOG::warn);
        Map<String, Long> perSource = new TreeMap<>();
        contents.forEach(c -> perSource.put(c.registryId(), 0L));
        if (view.enabled()) {
            perSource.put(KServeMapper.SOURCE_ID, 0L);
        }
        a.documents().forEach(d -> perSource.merge(d.sourceId(), 1L, Long::sum));
        perSource.forEach(metrics::documents);
        recordHolds(o);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        metrics.syncDuration(kind.label(), took);
        metrics.upserts(o.upserted(), o.refused(), o.failed(), o.repaired());
        SyncReport report = new SyncReport(
                id,
                kind,
                complete,
                a.documents().size(),
                o.rendered(),
                o.listed(),
                o.upserted(),
                o.unchanged(),
                o.refused(),
                o.failed(),
                o.repaired(),
                o.removed(),
                o.held(),
                o.keySet(),
                incomplete,
                a.problems(),
                o.errors(),
                a.unserved().size(),
                took,
                reading);
        lastReport = report;
        metrics.sync(kind, !report.reachedStorage() ? "storage_failed" : complete ? "ok" : "incomplete");
        if (!report.reachedStorage() || report.refused() > 0 || !report.held().isEmpty()) {
            LOG.warn(report.summary());
        } else if (kind == SyncKind.FULL || o.upserted() > 0 || o.removed() > 0) {
            LOG.info(report.summary());
        } else {
            LOG.debug(report.summary());
        }
        return report;
    }

    /** {@code bridge_removals_held{source}}: set for held sources, back to 0 when a source's removal is resolved. */
    private void recordHolds(Publisher.Outcome o) {
        Set<String> now = new HashSet<>(o.held().keySet());
        heldSources.stream().filter(s -> !now.contains(s)).forEach(s -> metrics.removalsHeld(s, 0));
        o.held().forEach((source, h) -> metrics.removalsHeld(source, h.removing()));
        heldSources.clear();
        heldSources.addAll(now);
    }
}
