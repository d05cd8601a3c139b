package io.modelcatalogbridge.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelcatalogbridge.testing.RecordingStorage;
import io.modelcatalogbridge.testing.StubModelRegistry;
import io.modelcatalogbridge.testing.Waits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A registry that hangs (a stub request held by a latch, far below its request timeout): the slow request is a WARN
 * and a metric while it still waits, KServe changes are published meanwhile (the full sync reads on its own thread),
 * and the full sync completes once the registry answers.
 */
@QuarkusTest
@TestProfile(SlowRegistryTest.Profile.class)
@WithKubernetesTestServer(crud = true)
class SlowRegistryTest {

    /** The normalizer test set-up with a long request timeout and a slow-request warning after 100 ms. */
    public static class Profile extends NormalizerTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new QuarkusTestProfile.TestResourceEntry(Resource.class));
        }
    }

    /** {@link NormalizerTestResource}, with the timeouts of this test (test resources win over profiles). */
    public static class Resource extends NormalizerTestResource {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(super.start());
            config.put("bridge.registry.request-timeout", Waits.config(Duration.ofSeconds(120)));
            config.put("bridge.registry.slow-request-warning", "100ms");
            return config;
        }
    }

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    SyncEngine engine;

    @Inject
    MeterRegistry meters;

    @Test
    void kserveChangesArePublishedWhileAFullSyncWaitsForASlowRegistry() throws Exception {
        StubModelRegistry registry = NormalizerTestResource.registry;
        RecordingStorage storage = NormalizerTestResource.storage;
        KubernetesClient kube = server.getClient();
        NormalizerKube.ensureCrd(kube, "inferenceservices", "InferenceService", "v1beta1");
        SyncReport first = engine.fullSyncNow().get(60, TimeUnit.SECONDS);
        assertTrue(first.complete(), first.summary());
        assertTrue(engine.firstFullSyncDone(), "ready: a full sync reached storage");

        CountDownLatch release = new CountDownLatch(1);
        registry.faults().hangUntil("/registered_models", release);
        var isvcs = kube.genericKubernetesResources(NormalizerKube.ISVC).inNamespace("risk-team");
        try {
            CompletableFuture<SyncReport> full = engine.fullSyncNow();
            Waits.await("registry request hanging").until(() -> registry.count("/registered_models") > 0);
            Waits.await("slow request reported while it waits").until(() -> slowRequests() > 0);
            assertFalse(full.isDone(), "the full sync still waits for the registry");

            isvcs.resource(NormalizerKube.exampleIsvc("fraud-scorer", "risk-team", "fraud-scorer"))
                    .create();
            Waits.await("KServe-only deployment published by a delta")
                    .until(() -> storage.document("risk-team_fraud-scorer").isPresent());
            assertFalse(full.isDone(), "published while the full sync was still waiting");

            release.countDown();
            SyncReport report = full.get(60, TimeUnit.SECONDS);
            assertTrue(report.complete(), report.summary());
            assertTrue(report.reachedStorage(), report.summary());
            assertTrue(storage.document("risk-team_fraud-scorer").isPresent(), "the full sync keeps it");
        } finally {
            release.countDown();
            registry.faults().clear();
            isvcs.withName("fraud-scorer").delete();
        }
        HeldRemovals.applyAfterDelta(engine, meters, "kserve"); // the only KServe document: guarded
        assertEquals(NormalizerFixtures.BASELINE_KEYS, storage.keys());
    }

    private double slowRequests() {
        return meters.find("bridge.registry.slow.requests").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }
}
