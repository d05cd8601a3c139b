package io.modelcatalogbridge.sync;

import static io.modelcatalogbridge.sync.NormalizerTestResource.REGISTRY_ID;
import static io.modelcatalogbridge.sync.NormalizerTestResource.TOKEN_A;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.modelcatalogbridge.testing.RecordingStorage;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A registry deployment the registry has no URL for and the KServe caches do not show (the watch covers another
 * namespace): the normalizer reports it (WARN, {@code bridge_unserved_deployments}, the sync summary), then finds its
 * InferenceService by namespace and name with one GET on the Kubernetes mock server (CRUD) — never a list — and
 * serves its {@code status.url}.
 */
@QuarkusTest
@TestProfile(KServeLookupTest.WatchOtherNamespace.class)
@WithKubernetesTestServer(crud = true)
class KServeLookupTest {

    /** The normal normalizer profile with KServe watched in one namespace that is not the deployment's. */
    public static class WatchOtherNamespace extends NormalizerTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> m = new HashMap<>(super.getConfigOverrides());
            m.put("bridge.kserve.namespaces", "watched-ns");
            return m;
        }
    }

    private static final String ISVC_PATH = "/apis/serving.kserve.io/v1beta1/namespaces/ai-models/inferenceservices";

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    SyncEngine engine;

    @Test
    void aDeploymentWithoutUrlIsReportedThenFoundByNameWithOneGet() throws Exception {
        RecordingStorage storage = NormalizerTestResource.storage;
        KubernetesClient kube = server.getClient();
        NormalizerTestResource.registry.mutate(c -> NormalizerFixtures.baseline(REGISTRY_ID));
        NormalizerTestResource.registry.requireToken(TOKEN_A);
        Files.writeString(NormalizerTestResource.tokenFile, TOKEN_A + "\n");
        NormalizerKube.ensureCrd(kube, "inferenceservices", "InferenceService", "v1beta1");

        // The registry's inference service 4 (mnist v1) is DEPLOYED without a 'url'; no InferenceService exists.
        SyncReport first = sync();
        assertEquals(1, first.unserved(), first.summary());
        assertTrue(first.summary().contains("1 deployments without a model server"), first.summary());
        assertFalse(storage.document("mnist_v1").orElseThrow().json().has("modelServer"));
        assertTrue(metrics().contains("bridge_unserved_deployments{reason=\"no-url\"} 1.0"), metrics());

        // An InferenceService the MR controller never labelled (another uid) in a namespace nobody watches.
        GenericKubernetesResource isvc = NormalizerKube.exampleIsvc("mnist-v1", "ai-models", "mnist-v1");
        isvc.getMetadata().setLabels(Map.of());
        isvc.getMetadata().setUid("3f6e0c1a-0000-4000-8000-000000000001");
        kube.genericKubernetesResources(NormalizerKube.ISVC)
                .inNamespace("ai-models")
                .resource(isvc)
                .create();
        drainRequests();
        SyncReport found = sync();
        List<String> requests = drainRequests();
        assertEquals(0, found.unserved(), found.summary());
        assertEquals(
                "https://mnist-v1-ai-models.apps.cluster.example.com",
                storage.document("mnist_v1").orElseThrow().serverUrl());
        assertTrue(requests.contains("GET " + ISVC_PATH + "/mnist-v1"), requests.toString());
        assertTrue(
                requests.stream()
                        .noneMatch(r -> r.startsWith("GET " + ISVC_PATH + "?") || r.equals("GET " + ISVC_PATH)),
                "never a list of the namespace: " + requests);
        assertTrue(metrics().contains("bridge_unserved_deployments{reason=\"no-url\"} 0.0"), metrics());

        // Not Ready any more: still reported, now with that reason.
        kube.genericKubernetesResources(NormalizerKube.ISVC)
                .inNamespace("ai-models")
                .withName("mnist-v1")
                .edit(r -> {
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> conditions = (List<Map<String, Object>>)
                            ((Map<String, Object>) r.getAdditionalProperties().get("status")).get("conditions");
                    conditions.forEach(c -> c.put("status", "False"));
                    return r;
                });
        SyncReport notReady = sync();
        assertEquals(1, notReady.unserved(), notReady.summary());
        assertFalse(storage.document("mnist_v1").orElseThrow().json().has("modelServer"));
        assertTrue(metrics().contains("bridge_unserved_deployments{reason=\"not-ready\"} 1.0"), metrics());
    }

    private SyncReport sync() throws Exception {
        return engine.fullSyncNow().get(60, TimeUnit.SECONDS);
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** "METHOD path" of every request the mock API server received since the last call. */
    private List<String> drainRequests() throws InterruptedException {
        List<String> out = new ArrayList<>();
        RecordedRequest r;
        while ((r = server.getKubernetesMockServer().takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
            out.add(r.getMethod() + " " + r.getPath());
        }
        return out;
    }
}
