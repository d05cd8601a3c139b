package io.modelcatalogbridge.serve.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The secure default: with no token set, storage's API and location's push endpoints refuse clients from another
 * host (403, JSON, saying which variable to set), while reads of location and health stay open. Every test request
 * comes from loopback, so the profile swaps in {@link RemotePeers}: the one decision "is this client on this host?"
 * answers no, as it would for a client elsewhere in the cluster.
 */
@QuarkusTest
@TestProfile(TokenlessWritesTest.RemoteClients.class)
class TokenlessWritesTest {

    /** Every client is on another host. */
    @Alternative
    @ApplicationScoped
    public static class RemotePeers extends Peers {
        @Override
        public boolean isLocal(HttpServerRequest request) {
            return false;
        }
    }

    /** No role selected (so every role's endpoints answer), no token anywhere, every client remote. */
    public static class RemoteClients implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bridge.storage.type", "File", "bridge.storage.file.directory", "target/tokenless-writes");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(RemotePeers.class);
        }
    }

    @Test
    void storageRefusesEveryCallFromAnotherHost() {
        given().contentType(ContentType.JSON)
                .body("{\"body\":\"e30=\"}")
                .post("/storage/upsert?key=mnist_v1")
                .then()
                .statusCode(403)
                .contentType(ContentType.JSON)
                .body("error", containsString("STORAGE_TOKEN"));
        given().contentType(ContentType.JSON)
                .body("[{\"key\":\"mnist_v1\",\"body\":\"e30=\"}]")
                .post("/storage/upserts")
                .then()
                .statusCode(403);
        given().post("/storage/currentkeyset?key=").then().statusCode(403);
        given().get("/storage/list").then().statusCode(403);
        given().get("/storage/fetch?key=mnist_v1").then().statusCode(403);
        given().get("/storage/documents").then().statusCode(403);
    }

    @Test
    void locationRefusesPushesFromAnotherHostButServesReads() {
        given().contentType(ContentType.JSON)
                .body("{\"body\":\"e30=\"}")
                .post("/location/upsert?key=mnist_v1")
                .then()
                .statusCode(403)
                .contentType(ContentType.JSON)
                .body("error", containsString("BRIDGE_TOKEN"));
        given().contentType(ContentType.JSON)
                .body("[{\"key\":\"mnist_v1\",\"body\":\"e30=\"}]")
                .post("/location/upserts")
                .then()
                .statusCode(403);
        given().delete("/location/remove?key=mnist_v1").then().statusCode(403);
        given().get("/q/health/live").then().statusCode(200);
    }
}
