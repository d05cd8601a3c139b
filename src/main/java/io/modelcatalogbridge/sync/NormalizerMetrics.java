package io.modelcatalogbridge.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The normalizer's Prometheus meters ({@code /q/metrics} on its port): sync duration, registry requests by
 * registry and outcome, documents and last successful read per source, errors. Registered lazily, so other roles
 * expose none of them.
 */
@ApplicationScoped
public class NormalizerMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> documents = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> unserved = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> held = new ConcurrentHashMap<>();

    public NormalizerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code bridge_sync_duration_seconds{type=full|delta}}. */
    public void syncDuration(String type, Duration duration) {
        Timer.builder("bridge.sync.duration")
                .description("Duration of one sync")
                .tag("type", type)
                .register(registry)
                .record(duration);
    }

    /** {@code bridge_registry_requests_total{registry, status}}: HTTP attempts, status code, timeout or error. */
    public void requests(String registryId, String outcome, long count) {
        Counter.builder("bridge.registry.requests")
                .description("HTTP requests to model registries (attempts)")
                .tag("registry", registryId)
                .tag("status", outcome)
                .register(registry)
                .increment(count);
    }

    /** {@code bridge_documents{source}}: documents published per source (registry id or kserve). */
    public void documents(String source, long count) {
        gauge(documents, "bridge.documents", "Documents published per source", "source", source)
                .set(count);
    }

    /** {@code bridge_last_successful_sync_seconds{source}}: epoch seconds of the last complete read. */
    public void lastSuccess(String source, long epochSeconds) {
        gauge(
                        lastSuccess,
                        "bridge.last.successful.sync.seconds",
                        "Epoch seconds of the last complete read of a source",
                        "source",
                        source)
                .set(epochSeconds);
    }

    /**
     * {@code bridge_unserved_deployments{reason}}: registry deployments of live versions that give no model server
     * (so no entity in Developer Hub), by reason ({@code no-url}, {@code not-ready}, {@code stopped}); every reason
     * is set, to 0 when none.
     */
    public void unserved(Map<String, Long> byReason) {
        byReason.forEach((reason, count) -> gauge(
                        unserved,
                        "bridge.unserved.deployments",
                        "Registry deployments that give no model server, by reason",
                        "reason",
                        reason)
                .set(count));
    }

    private AtomicLong gauge(
            Map<String, AtomicLong> gauges, String name, String description, String tag, String value) {
        return gauges.computeIfAbsent(value, v -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder(name, holder, AtomicLong::get)
                    .description(description)
                    .tag(tag, v)
                    .register(registry);
            return holder;
        });
    }

    /** {@code bridge_syncs_total{kind, result}}: result {@code ok}, {@code incomplete}, {@code storage_failed}, {@code failed}. */
    public void sync(SyncKind kind, String result) {
        Counter.builder("bridge.syncs")
                .description("Syncs by kind and result")
                .tag("kind", kind.label())
                .tag("result", result)
                .register(registry)
                .increment();
    }

    /**
     * {@code bridge_storage_upserts_total{result}}: documents storage took ({@code upserted}; {@code repaired} counts
     * those storage had lost or changed), kept newer ({@code refused}) or could not be sent ({@code failed}).
     */
    public void upserts(int upserted, int refused, int failed, int repaired) {
        count("upserted", upserted);
        count("refused", refused);
        count("failed", failed);
        count("repaired", repaired);
    }

    private void count(String result, int n) {
        Counter c = Counter.builder("bridge.storage.upserts")
                .description("Documents sent to storage, by result")
                .tag("result", result)
                .register(registry);
        if (n > 0) {
            c.increment(n);
        }
    }

    /** {@code bridge_removals_held{source}}: documents whose removal the mass-removal guard holds back. */
    public void removalsHeld(String source, long count) {
        gauge(
                        held,
                        "bridge.removals.held",
                        "Documents whose removal the mass-removal guard holds back, per source",
                        "source",
                        source)
                .set(count);
    }

    /** {@code bridge_registry_slow_requests_total{registry}}: requests still waiting after the slow-request warning. */
    public void slowRequest(String registryId) {
        Counter.builder("bridge.registry.slow.requests")
                .description("Registry requests that were still waiting when the slow-request warning fired")
                .tag("registry", registryId)
                .register(registry)
                .increment();
    }

    /** {@code bridge_sync_errors_total{source, stage}}. */
    public void error(String source, String stage) {
        Counter.builder("bridge.sync.errors")
                .description("Sync errors")
                .tag("source", source)
                .tag("stage", stage)
                .register(registry)
                .increment();
    }
}
