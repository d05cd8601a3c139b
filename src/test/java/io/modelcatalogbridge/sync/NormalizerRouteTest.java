package io.modelcatalogbridge.sync;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.model.DocumentKey;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code MR_ROUTE} with a namespaced and a bare Route name; metrics and readiness on the normalizer's port. */
@QuarkusTest
@TestProfile(NormalizerRouteTest.Profile.class)
@WithKubernetesTestServer(crud = true)
class NormalizerRouteTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "app.role",
                    "normalizer",
                    "bridge.normalizer.polling-interval",
                    "1h",
                    "quarkus.log.category.\"io.fabric8.mockwebserver\".level",
                    "WARN");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RouteDiscoveryTestResource.class));
        }
    }

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    SyncEngine engine;

    @Test
    void registriesNamedInMrRouteAreReadAndMetricsAndReadinessReportTheSync() throws Exception {
        var routes = NormalizerKube.ROUTE;
        server.getClient()
                .genericKubernetesResources(routes)
                .inNamespace("rhoai-model-registries")
                .resource(NormalizerKube.registryRoute(
                        "alpha", RouteDiscoveryTestResource.alpha.url().substring(7)))
                .create();
        server.getClient()
                .genericKubernetesResources(routes)
                .inNamespace("elsewhere")
                .resource(NormalizerKube.registryRoute(
                        "beta", RouteDiscoveryTestResource.beta.url().substring(7)))
                .create();

        SyncReport r = engine.fullSyncNow().get(30, TimeUnit.SECONDS);
        assertTrue(r.complete(), r.summary());
        List<String> keys = RouteDiscoveryTestResource.storage.keys();
        assertEquals(8, keys.size(), keys.toString());
        assertTrue(
                keys.contains("mnist_v1")
                        && keys.contains(
                                DocumentKey.of("mnist", "v1").qualified("beta").storageKey()),
                keys.toString());
        assertTrue(RouteDiscoveryTestResource.alpha.requests().stream()
                .allMatch(q -> "Bearer static-token".equals(q.authorization())));

        // Ready because a full sync reached storage; the detail says what the last one did.
        given().get("/q/health/ready").then().statusCode(200).body(containsString("complete: 8 documents"));
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("bridge_registry_requests_total{registry=\"alpha\",status=\"200\"}"), metrics);
        assertTrue(metrics.contains("bridge_documents{source=\"beta\"} 4.0"), metrics);
        assertTrue(metrics.contains("bridge_last_successful_sync_seconds{source=\"alpha\"}"), metrics);
        assertTrue(metrics.contains("bridge_sync_duration_seconds_count{type=\"full\"}"), metrics);
        assertTrue(metrics.contains("bridge_syncs_total{kind=\"full\",result=\"ok\"}"), metrics);
        assertTrue(metrics.contains("bridge_storage_upserts_total{result=\"upserted\"}"), metrics);
        given().get("/q/health/ready").then().body("status", equalTo("UP"));
    }
}
