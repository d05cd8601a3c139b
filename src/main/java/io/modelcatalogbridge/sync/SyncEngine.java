package io.modelcatalogbridge.sync;

import io.modelcatalogbridge.kube.KubernetesAccess;
import io.modelcatalogbridge.model.MappingSettings;
import io.modelcatalogbridge.render.Renderers;
import io.modelcatalogbridge.source.RegistryConfig;
import io.modelcatalogbridge.source.RegistryDiscovery;
import io.modelcatalogbridge.source.RegistryEndpoint;
import io.modelcatalogbridge.source.RegistryToken;
import io.modelcatalogbridge.source.TrustBundle;
import io.modelcatalogbridge.source.kfmr.KfmrClientSettings;
import io.modelcatalogbridge.source.kfmr.RegistryContents;
import io.modelcatalogbridge.source.kserve.KServeDeployment;
import io.modelcatalogbridge.source.kserve.KServeWatcher;
import io.modelcatalogbridge.storageapi.StorageHttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The normalizer's engine. Every sync runs on one thread, so a full sync and a delta never overlap:
 * <ul>
 *   <li><b>full</b>, every {@code POLLING_INTERVAL}: rediscover registries, read each (a failed one contributes
 *       its last known contents), take the KServe view from the informer caches, assemble, send what changed,
 *       and send the key set only when every source was read completely;</li>
 *   <li><b>delta</b>, after KServe events (debounced): re-assemble from the cached registry contents and the
 *       current informer caches — no registry calls — and send what changed; the key set (which is how an
 *       undeployed KServe-only document leaves storage) only when the last full sync was complete too.</li>
 * </ul>
 */
@ApplicationScoped
public class SyncEngine {

    private static final Logger LOG = Logger.getLogger(SyncEngine.class);

    private final NormalizerConfig config;
    private final MappingConfig mappingConfig;
    private final RegistryConfig registryConfig;
    private final RegistryDiscovery discovery;
    private final KServeWatcher kserve;
    private final KubernetesAccess kubernetes;
    private final NormalizerMetrics metrics;
    private final UnservedDeployments unserved;
    private final AtomicLong syncIds = new AtomicLong();
    private ScheduledExecutorService executor;
    private Publisher publisher;
    private RegistryReads reads;
    private Debouncer debouncer;
    private RegistryToken token;
    private MappingSettings mapping;
    private boolean lastFullComplete;
    private volatile boolean firstFullSyncDone;
    private volatile SyncReport lastReport;

    SyncEngine(
            NormalizerConfig config,
            MappingConfig mappingConfig,
            RegistryConfig registryConfig,
            RegistryDiscovery discovery,
            KServeWatcher kserve,
            KubernetesAccess kubernetes,
            NormalizerMetrics metrics) {
        this.config = config;
        this.mappingConfig = mappingConfig;
        this.registryConfig = registryConfig;
        this.discovery = discovery;
        this.kserve = kserve;
        this.kubernetes = kubernetes;
        this.metrics = metrics;
        this.unserved = new UnservedDeployments(kserve::lookup, metrics);
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
        var renderer = Renderers.require(mappingConfig.format());
        mapping = mappingConfig.settings();
        token = new RegistryToken(registryConfig.token(), registryConfig.kubernetesToken(), registryConfig.tokenFile());
        Optional<Path> ca =
                TrustBundle.merge(registryConfig.caBundle(), registryConfig.caPem(), registryConfig.serviceAccountCa());
        reads = new RegistryReads(endpoint -> clientSettings(endpoint, ca), config.modelCardMaxAge(), metrics);
        publisher = new Publisher(
                sink != null
                        ? sink
                        : new StorageSink(new StorageHttpClient(
                                URI.create(config.storageUrl()), config.storageTimeout(), config::storageToken)),
                renderer,
                config.storageConcurrency());
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "normalizer-sync");
            t.setDaemon(true);
            return t;
        });
        debouncer = new Debouncer(
                executor, config.debounceQuiet(), config.debounceMaxWait(), this::deltaSync, System::nanoTime);
        LOG.infof(
                "normalizer: full sync every %s, format %s, storage %s, registry token from %s, TLS %s",
                config.pollingInterval(),
                renderer.formatName(),
                sink != null ? "in process" : config.storageUrl(),
                token.origin(),
                registryConfig.insecureSkipTlsVerify()
                        ? "NOT VERIFIED (insecure opt-out)"
                        : ca.map(p -> "verified (JDK roots + extra CAs)").orElse("verified (JDK roots)"));
        kserve.start(kubernetes.client(), debouncer::changed);
        executor.scheduleWithFixedDelay(this::fullSync, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            kserve.stop();
        }
    }

    /** Runs a full sync now (after any sync in progress); for tests and tools. */
    public CompletableFuture<SyncReport> fullSyncNow() {
        return CompletableFuture.supplyAsync(
                () -> {
                    fullSync();
                    return lastReport;
                },
                executor);
    }

    /** Whether the first full sync has run (readiness). */
    public boolean firstFullSyncDone() {
        return firstFullSyncDone;
    }

    public Optional<SyncReport> lastReport() {
        return Optional.ofNullable(lastReport);
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

    private void fullSync() {
        long start = System.nanoTime();
        long id = syncIds.incrementAndGet();
        MDC.put("sync", id);
        try {
            token.refresh();
            RegistryDiscovery.Result found = discovery.discover();
            kserve.retryMissing();
            List<RegistryReads.Read> regs = reads.readAll(found.registries(), found.catalogUrl(), found.complete());
            KServeWatcher.View view = kserve.view();
            List<String> incomplete = new ArrayList<>();
            found.problems().forEach(p -> incomplete.add("discovery: " + p));
            List<RegistryContents> contents = new ArrayList<>();
            long now = Instant.now().getEpochSecond();
            for (RegistryReads.Read r : regs) {
                r.contents().ifPresent(contents::add);
                if (r.complete()) {
                    metrics.lastSuccess(r.registryId(), now);
                } else {
                    incomplete.add(r.registryId() + ": " + r.error());
                }
            }
            lastFullComplete = found.complete() && regs.stream().allMatch(RegistryReads.Read::complete);
            publish(id, SyncKind.FULL, contents, view, lastFullComplete, incomplete, start);
            firstFullSyncDone = true;
        } catch (RuntimeException e) {
            LOG.errorf("full sync %d failed: %s", id, e.getMessage());
            metrics.error("normalizer", SyncKind.FULL.label());
        } finally {
            MDC.remove("sync");
        }
    }

    private void deltaSync() {
        if (!firstFullSyncDone) {
            return; // the first full sync includes the KServe view anyway
        }
        long start = System.nanoTime();
        long id = syncIds.incrementAndGet();
        MDC.put("sync", id);
        try {
            List<String> incomplete = new ArrayList<>();
            if (!lastFullComplete) {
                incomplete.add("last full sync was incomplete");
            }
            publish(id, SyncKind.DELTA, reads.lastKnown(), kserve.view(), lastFullComplete, incomplete, start);
        } catch (RuntimeException e) {
            LOG.errorf("delta sync %d failed: %s", id, e.getMessage());
            metrics.error("normalizer", SyncKind.DELTA.label());
        } finally {
            MDC.remove("sync");
        }
    }

    private void publish(
            long id,
            SyncKind kind,
            List<RegistryContents> contents,
            KServeWatcher.View view,
            boolean registriesComplete,
            List<String> incomplete,
            long start) {
        if (!view.complete()) {
            incomplete.add("kserve: informer caches not synced or not watching");
        } else if (view.enabled()) {
            metrics.lastSuccess("kserve", Instant.now().getEpochSecond());
        }
        List<KServeDeployment> deployments = new ArrayList<>(view.deployments());
        deployments.addAll(reads.snapshotDeployments());
        boolean full = kind == SyncKind.FULL;
        if (!full) {
            deployments.addAll(unserved.lookedUp(deployments));
        }
        CatalogAssembler.Assembly a = CatalogAssembler.assemble(contents, deployments, mapping);
        if (full) {
            List<KServeDeployment> found = unserved.lookUp(a.unserved(), deployments);
            if (!found.isEmpty()) {
                deployments.addAll(found);
                a = CatalogAssembler.assemble(contents, deployments, mapping);
            }
        }
        a.problems().forEach(p -> LOG.debug(p));
        unserved.report(a.unserved());
        boolean complete = registriesComplete && view.complete();
        Publisher.Outcome o = publisher.publish(a.documents(), PublishOptions.of(kind, complete));
        o.errors().forEach(e -> {
            LOG.warn(e);
            metrics.error("storage", kind.label());
        });
        Map<String, Long> perSource = new TreeMap<>();
        contents.forEach(c -> perSource.put(c.registryId(), 0L));
        if (view.enabled()) {
            perSource.put("kserve", 0L);
        }
        a.documents().forEach(d -> perSource.merge(d.sourceId(), 1L, Long::sum));
        perSource.forEach(metrics::documents);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        metrics.syncDuration(kind.label(), took);
        SyncReport report = new SyncReport(
                id,
                kind,
                complete,
                a.documents().size(),
                o.upserted(),
                o.unchanged(),
                o.failed(),
                o.removed(),
                o.keySetSent(),
                incomplete,
                a.problems(),
                a.unserved().size(),
                took);
        lastReport = report;
        if (kind == SyncKind.FULL || o.upserted() > 0 || o.removed() > 0 || o.failed() > 0) {
            LOG.info(report.summary());
        } else {
            LOG.debug(report.summary());
        }
    }
}
