package io.modelcatalogbridge.sync;

import static io.modelcatalogbridge.sync.NormalizerTestResource.REGISTRY_ID;
import static io.modelcatalogbridge.sync.NormalizerTestResource.TOKEN_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelcatalogbridge.model.DocumentKey;
import io.modelcatalogbridge.source.kfmr.RegistryContents;
import io.modelcatalogbridge.source.kserve.KServeWatcher;
import io.modelcatalogbridge.testing.RecordingStorage;
import io.modelcatalogbridge.testing.StubModelRegistry;
import io.modelcatalogbridge.testing.Waits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The normalizer role end to end: stub registries over HTTP, the Kubernetes mock server (CRUD) with the KServe
 * CRDs, Routes, Services and ServiceAccounts, and a storage that implements the Go contract. Every test starts
 * from the same published baseline (four documents of {@code modelregistry-public}).
 */
@QuarkusTest
@TestProfile(NormalizerTestProfile.class)
@WithKubernetesTestServer(crud = true)
class NormalizerSyncTest {

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    SyncEngine engine;

    @Inject
    KServeWatcher kserve;

    @Inject
    MeterRegistry meters;

    StubModelRegistry registry;
    RecordingStorage storage;
    KubernetesClient kube;

    @BeforeEach
    void baseline() throws Exception {
        registry = NormalizerTestResource.registry;
        storage = NormalizerTestResource.storage;
        kube = server.getClient();
        registry.faults().clear();
        registry.mutate(c -> NormalizerFixtures.baseline(REGISTRY_ID));
        registry.requireToken(TOKEN_A);
        Files.writeString(NormalizerTestResource.tokenFile, TOKEN_A + "\n");
        NormalizerKube.ensureCrd(kube, "inferenceservices", "InferenceService", "v1beta1");
        SyncReport r = sync();
        assertTrue(r.complete(), r.summary());
        assertEquals(NormalizerFixtures.BASELINE_KEYS, storage.keys());
        registry.resetRequests();
        storage.resetCalls();
    }

    private SyncReport sync() throws Exception {
        return engine.fullSyncNow().get(30, TimeUnit.SECONDS);
    }

    @Test
    void registeringAModelPublishesItsDocumentAtTheNextSync() throws Exception {
        registry.addRegisteredModel(NormalizerFixtures.model("100", "churn", 1750000000000L));
        registry.addModelVersion(
                NormalizerFixtures.version("101", "100", "v1", 1750000000100L),
                List.of(NormalizerFixtures.artifact("50", "churn-v1", 1750000000200L)));
        sync();
        RecordingStorage.Stored doc = storage.document("churn_v1").orElseThrow();
        assertEquals("kubeflow", doc.type());
        assertEquals("churn-v1", doc.json().path("models").get(0).path("name").asText());
        assertEquals(1750000000200L, doc.lastUpdated());
    }

    @Test
    void aNewVersionAppearsAndOnlyItsArtifactsAreRead() throws Exception {
        registry.addModelVersion(
                NormalizerFixtures.version("102", "1", "v3", 1750000000100L),
                List.of(NormalizerFixtures.artifact("51", "mnist-v3", 1750000000200L)));
        SyncReport r = sync();
        assertTrue(storage.document("mnist_v3").isPresent());
        assertEquals(Map.of("/model_versions/102/artifacts", 1L), artifactCalls(registry));
        assertEquals(1, r.upserted(), "only the new document is sent: " + r.summary());
        assertEquals(1, storage.count("/upsert"));
    }

    @Test
    void archivingAModelRemovesItsDocument() throws Exception {
        registry.archiveRegisteredModel("10");
        SyncReport r = sync();
        assertFalse(storage.document("credit-risk_v2").isPresent());
        assertEquals(1, r.removed());
        assertTrue(storage.document("mnist_v1").isPresent());
    }

    @Test
    void deployingPublishesTheModelServerWithoutARegistryCallAndStoppingRemovesIt() {
        assertFalse(storage.document("mnist_v1").orElseThrow().json().has("modelServer"), "not deployed yet");
        GenericKubernetesResource isvc = NormalizerKube.exampleIsvc("mnist-v1", "ai-models", "mnist-v1");
        // How fast it arrives is a benchmark's business (bench/), not this test's: here it must arrive from the
        // KServe event alone, without a full sync.
        kube.genericKubernetesResources(NormalizerKube.ISVC)
                .inNamespace("ai-models")
                .resource(isvc)
                .create();
        try {
            Waits.await("model server published")
                    .until(() -> storage.document("mnist_v1")
                            .map(d -> d.json().has("modelServer"))
                            .orElse(false));
            assertEquals(
                    "https://mnist-v1-ai-models.apps.cluster.example.com",
                    storage.document("mnist_v1")
                            .orElseThrow()
                            .json()
                            .path("modelServer")
                            .path("API")
                            .path("url")
                            .asText());
            assertEquals(0, registry.requests().size(), "a KServe event costs no registry call");

            kube.genericKubernetesResources(NormalizerKube.ISVC)
                    .inNamespace("ai-models")
                    .withName("mnist-v1")
                    .edit(r -> {
                        r.getMetadata().getAnnotations().put("serving.kserve.io/stop", "true");
                        return r;
                    });
            Waits.await()
                    .until(() -> storage.document("mnist_v1")
                            .map(d -> !d.json().has("modelServer"))
                            .orElse(false));
            assertTrue(storage.staleRefused().isEmpty(), "storage refused " + storage.staleRefused());
        } finally {
            kube.genericKubernetesResources(NormalizerKube.ISVC)
                    .inNamespace("ai-models")
                    .withName("mnist-v1")
                    .delete();
        }
    }

    @Test
    void undeployingRemovesTheModelServer() throws Exception {
        assertFalse(storage.document("mnist_v1").orElseThrow().json().has("modelServer"), "not deployed yet");
        kube.genericKubernetesResources(NormalizerKube.ISVC)
                .inNamespace("ai-models")
                .resource(NormalizerKube.exampleIsvc("mnist-v1", "ai-models", "mnist-v1"))
                .create();
        Waits.await()
                .until(() -> storage.document("mnist_v1")
                        .map(d -> d.json().has("modelServer"))
                        .orElse(false));
        kube.genericKubernetesResources(NormalizerKube.ISVC)
                .inNamespace("ai-models")
                .withName("mnist-v1")
                .delete();
        Waits.await()
                .until(() -> storage.document("mnist_v1")
                        .map(d -> !d.json().has("modelServer"))
                        .orElse(false));
        // The registry's controller then marks its inference service UNDEPLOYED; the next full sync agrees.
        registry.mutate(c -> NormalizerFixtures.withInferenceServiceState(c, "4", "UNDEPLOYED"));
        assertTrue(sync().complete());
        assertFalse(storage.document("mnist_v1").orElseThrow().json().has("modelServer"));
        assertTrue(storage.staleRefused().isEmpty(), "storage refused " + storage.staleRefused());
    }

    @Test
    void kserveOnlyDeploymentIsPublishedAndRemovedWithoutAFullSync() throws Exception {
        var isvcs = kube.genericKubernetesResources(NormalizerKube.ISVC).inNamespace("risk-team");
        // A second KServe-only deployment stays: removing the only one of a source is held (the next test).
        isvcs.resource(NormalizerKube.exampleIsvc("fraud-scorer", "risk-team", "fraud-stays"))
                .create();
        isvcs.resource(NormalizerKube.exampleIsvc("fraud-scorer", "risk-team", "fraud-scorer"))
                .create();
        try {
            Waits.await().until(() -> storage.document("risk-team_fraud-scorer").isPresent());
            RecordingStorage.Stored doc =
                    storage.document("risk-team_fraud-scorer").orElseThrow();
            assertEquals("kserve", doc.type());
            assertEquals(
                    "risk-analytics-team",
                    doc.json().path("models").get(0).path("owner").asText());
        } finally {
            isvcs.withName("fraud-scorer").delete();
        }
        Waits.await().until(() -> storage.document("risk-team_fraud-scorer").isEmpty());
        assertEquals(0, registry.requests().size(), "no full sync ran");
        assertTrue(storage.document("risk-team_fraud-stays").isPresent());
        isvcs.withName("fraud-stays").delete();
        removeHeldSource("kserve");
        assertEquals(NormalizerFixtures.BASELINE_KEYS, storage.keys());
    }

    /**
     * The last document of a source is guarded like all of them: a one-model registry answering an empty list keeps
     * its document, with a WARN, {@code bridge_removals_held} and the readiness detail, until three consecutive full
     * syncs agree.
     */
    @Test
    void aOneModelRegistryAnsweringEmptyKeepsItsDocumentUntilThreeFullSyncsAgree() throws Exception {
        RegistryContents one = oneModel("solo");
        try (StubModelRegistry solo = StubModelRegistry.start(one)) {
            var routes = kube.genericKubernetesResources(NormalizerKube.ROUTE).inNamespace("team-registries");
            routes.resource(NormalizerKube.registryRoute("solo", hostPort(solo)))
                    .create();
            try {
                sync();
                assertTrue(
                        storage.document("solo-model_v1").isPresent(),
                        storage.keys().toString());
                assertEquals(0.0, removalsHeld("solo"));

                solo.mutate(c -> empty("solo"));
                SyncReport once = sync();
                assertTrue(once.complete(), once.summary());
                assertEquals(0, once.removed(), once.summary());
                assertEquals(new RemovalGuard.Held(1, 1, 1, 3), once.held().get("solo"), once.summary());
                assertTrue(storage.document("solo-model_v1").isPresent(), "an empty answer once removes nothing");
                assertEquals(1.0, removalsHeld("solo"), "bridge_removals_held{source=solo} while held");
                assertTrue(
                        engine.readinessDetail().contains("removal held: solo 1 of 1 (seen 1 of 3)"),
                        engine.readinessDetail());

                solo.mutate(c -> one); // the registry answers normally again: the count starts over
                assertTrue(sync().held().isEmpty());
                assertEquals(0.0, removalsHeld("solo"), "back to 0 once the source has its document again");

                solo.mutate(c -> empty("solo"));
                assertEquals(1, sync().held().get("solo").sightings());
                assertEquals(2, sync().held().get("solo").sightings());
                assertTrue(storage.document("solo-model_v1").isPresent());
                SyncReport third = sync();
                assertEquals(1, third.removed(), third.summary());
                assertFalse(storage.document("solo-model_v1").isPresent(), "empty three times: believed");
                assertEquals(0.0, removalsHeld("solo"), "cleared once applied");
                assertFalse(engine.readinessDetail().contains("removal held"), engine.readinessDetail());
            } finally {
                routes.withName("solo-https").delete();
            }
            sync();
        }
        assertEquals(NormalizerFixtures.BASELINE_KEYS, storage.keys());
    }

    @Test
    void twoRegistriesWithIdenticalModelNamesGiveTwoDistinctDocuments() throws Exception {
        try (StubModelRegistry twin = StubModelRegistry.start(NormalizerFixtures.baseline("twin"))) {
            var routes = kube.genericKubernetesResources(NormalizerKube.ROUTE).inNamespace("rhoai-model-registries");
            routes.resource(NormalizerKube.registryRoute("twin", hostPort(twin)))
                    .create();
            try {
                SyncReport r = sync();
                assertTrue(r.complete(), r.summary());
                assertEquals(8, storage.keys().size(), storage.keys().toString());
                assertTrue(storage.document("mnist_v1").isPresent());
                String twinKey = DocumentKey.of("mnist", "v1").qualified("twin").storageKey();
                assertTrue(storage.document(twinKey).isPresent(), storage.keys().toString());
                assertFalse(
                        storage.document(twinKey)
                                .get()
                                .json()
                                .path("models")
                                .get(0)
                                .path("name")
                                .asText()
                                .equals("mnist-v1"),
                        "model names are unique too");
            } finally {
                routes.withName("twin-https").delete();
            }
            // All four documents of one source at once: the mass-removal guard holds them for three full syncs.
            SyncReport first = sync();
            assertEquals(new RemovalGuard.Held(4, 4, 1, 3), first.held().get("twin"), first.summary());
            assertEquals(8, storage.keys().size(), "held, not removed");
            assertTrue(engine.readinessDetail().contains("removal held: twin 4 of 4"), engine.readinessDetail());
            sync();
            SyncReport third = sync();
            assertEquals(4, third.removed(), third.summary());
            assertEquals(NormalizerFixtures.BASELINE_KEYS, storage.keys(), "a registry whose Route is gone leaves");
        }
    }

    @Test
    void registryAddedLaterIsDiscoveredAtTheNextFullSync() throws Exception {
        RegistryContents one = oneModel("late");
        try (StubModelRegistry late = StubModelRegistry.start(one)) {
            var routes = kube.genericKubernetesResources(NormalizerKube.ROUTE).inNamespace("team-registries");
            routes.resource(NormalizerKube.registryRoute("late", hostPort(late)))
                    .create();
            try {
                sync();
                assertTrue(
                        storage.document("late-model_v1").isPresent(),
                        storage.keys().toString());
            } finally {
                routes.withName("late-https").delete();
            }
            syncUntilTheGuardLetsGo(); // its one document is all of the source's: held like a mass removal
            assertFalse(
                    storage.document("late-model_v1").isPresent(),
                    storage.keys().toString());
        }
    }

    @Test
    void registryDownPrunesNothingAndRecoversLater() throws Exception {
        registry.faults().failAlways("/registered_models", 500);
        registry.archiveRegisteredModel("10");
        SyncReport r = sync();
        assertFalse(r.complete());
        assertFalse(r.keySetSent());
        assertTrue(
                r.incomplete().get(0).contains(REGISTRY_ID)
                        && r.incomplete().get(0).contains("500"),
                r.incomplete().toString());
        assertEquals(0, storage.count("/currentkeyset"));
        assertEquals(NormalizerFixtures.BASELINE_KEYS, storage.keys(), "nothing pruned while the registry fails");

        registry.faults().clear();
        assertTrue(sync().complete());
        assertFalse(storage.document("credit-risk_v2").isPresent(), "the archive is applied once readable");
    }

    @Test
    void failureInTheMiddleOfPaginationPrunesNothing() throws Exception {
        registry.faults().failPage("/model_versions", 2, 500);
        registry.archiveRegisteredModel("10");
        SyncReport r = sync();
        assertFalse(r.complete());
        assertEquals(NormalizerFixtures.BASELINE_KEYS, storage.keys());
        registry.faults().clear();
        sync();
        assertFalse(storage.document("credit-risk_v2").isPresent());
    }

    @Test
    void timeoutsPruneNothing() throws Exception {
        // Longer than the client's request timeout (NormalizerTestResource), both stretched by the wait factor.
        registry.faults().delay("/serving_environments", Waits.seconds(3));
        registry.archiveRegisteredModel("10");
        SyncReport r = sync();
        assertFalse(r.complete());
        assertTrue(r.incomplete().get(0).contains("timed out"), r.incomplete().toString());
        assertEquals(NormalizerFixtures.BASELINE_KEYS, storage.keys());
    }

    @Test
    void refusedTokenIsReportedWithTheRegistryAndPrunesNothing() throws Exception {
        registry.requireToken("another-token");
        registry.archiveRegisteredModel("10");
        SyncReport r = sync();
        assertFalse(r.complete());
        String reason = r.incomplete().get(0);
        assertTrue(reason.startsWith(REGISTRY_ID) && reason.contains("401"), reason);
        assertFalse(reason.contains(TOKEN_A));
        assertEquals(NormalizerFixtures.BASELINE_KEYS, storage.keys());
    }

    @Test
    void rotatedTokenFileIsUsedAtTheNextSync() throws Exception {
        Files.writeString(NormalizerTestResource.tokenFile, "token-b\n");
        registry.requireToken("token-b");
        SyncReport r = sync();
        assertTrue(r.complete(), r.summary());
        assertTrue(registry.requests().stream().allMatch(q -> "Bearer token-b".equals(q.authorization())));
    }

    @Test
    void llmInferenceServiceIsWatchedOnceItsCrdIsInstalled() throws Exception {
        assertFalse(kserve.watchedKinds().contains("LLMInferenceService"), "CRD missing: kind off");
        assertTrue(kserve.watchedKinds().contains("InferenceService"), "the other kind is independent");
        var llm = kube.genericKubernetesResources(NormalizerKube.LLM).inNamespace("llm-team");
        llm.resource(NormalizerKube.fixture("llminferenceservice.json")).create();
        try {
            sync();
            assertTrue(storage.document("llm-team_granite-chat").isEmpty(), "not watched without CRD");

            NormalizerKube.ensureCrd(kube, "llminferenceservices", "LLMInferenceService", "v1alpha1");
            sync();
            assertTrue(kserve.watchedKinds().contains("LLMInferenceService"));
            Waits.await().until(() -> storage.document("llm-team_granite-chat").isPresent());
        } finally {
            llm.withName("granite-chat").delete();
        }
        removeHeldSource("kserve"); // the only KServe document: held like all of a source's documents
        assertTrue(storage.document("llm-team_granite-chat").isEmpty());
    }

    /**
     * Page size 2: registered models 5 → 3 pages, versions 6 → 3, inference services 3 → 2, serving
     * environments 3 → 2; artifacts once per live version of a live model (4); the catalog once per card (1).
     */
    @Test
    void requestCountsPerFullSyncAndPerNoChangeSync() throws Exception {
        try (StubModelRegistry fresh = StubModelRegistry.start(NormalizerFixtures.baseline("counted"))) {
            var routes = kube.genericKubernetesResources(NormalizerKube.ROUTE).inNamespace("rhoai-model-registries");
            routes.resource(NormalizerKube.registryRoute("counted", hostPort(fresh)))
                    .create();
            try {
                sync();
                Map<String, Long> first = fresh.countsByPath();
                assertEquals(3, first.get("/registered_models"));
                assertEquals(3, first.get("/model_versions"));
                assertEquals(2, first.get("/inference_services"));
                assertEquals(2, first.get("/serving_environments"));
                assertEquals(
                        Map.of(
                                "/model_versions/2/artifacts",
                                1L,
                                "/model_versions/7/artifacts",
                                1L,
                                "/model_versions/11/artifacts",
                                1L,
                                "/model_versions/13/artifacts",
                                1L),
                        artifactCalls(fresh));
                assertEquals(3 + 3 + 2 + 2 + 4, fresh.requests().size(), first.toString());
                assertTrue(fresh.requests().stream()
                        .allMatch(q -> "2".equals(q.query().get("pageSize"))
                                || q.path().endsWith("/artifacts")));

                fresh.resetRequests();
                registry.resetRequests();
                sync();
                assertEquals(
                        3 + 3 + 2 + 2,
                        fresh.requests().size(),
                        "no change: the paged lists only, " + fresh.countsByPath());
                assertEquals(
                        3 + 3 + 2 + 2,
                        registry.requests().size(),
                        "no catalog call either: " + registry.countsByPath());
            } finally {
                routes.withName("counted-https").delete();
            }
            syncUntilTheGuardLetsGo();
        }
    }

    /** A registry holding one model {@code <id>-model} with one version {@code v1}. */
    private static RegistryContents oneModel(String id) {
        return new RegistryContents(
                id,
                List.of(NormalizerFixtures.model("1", id + "-model", 1750000000000L)),
                List.of(NormalizerFixtures.version("2", "1", "v1", 1750000000000L)),
                Map.of("2", List.of(NormalizerFixtures.artifact("1", id, 1750000000000L))),
                List.of(),
                List.of(),
                List.of());
    }

    private static RegistryContents empty(String id) {
        return new RegistryContents(id, List.of(), List.of(), Map.of(), List.of(), List.of(), List.of());
    }

    private void syncUntilTheGuardLetsGo() throws Exception {
        HeldRemovals.fullSyncs(engine);
    }

    private void removeHeldSource(String source) throws Exception {
        HeldRemovals.applyAfterDelta(engine, meters, source);
    }

    private double removalsHeld(String source) {
        return HeldRemovals.removalsHeld(meters, source);
    }

    private static Map<String, Long> artifactCalls(StubModelRegistry stub) {
        Map<String, Long> out = new TreeMap<>(stub.countsByPath());
        out.keySet().removeIf(p -> !p.endsWith("/artifacts"));
        return out;
    }

    private static String hostPort(StubModelRegistry stub) {
        return stub.url().substring("http://".length());
    }
}
