package io.modelcatalogbridge.serve.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code BRIDGE_HTTP_UNAUTHENTICATED_ACCESS=any}, the explicit opt-out: tokenless writes from anywhere pass. */
@QuarkusTest
@TestProfile(TokenlessWritesOptOutTest.OpenToAll.class)
class TokenlessWritesOptOutTest {

    public static class OpenToAll extends TokenlessWritesTest.RemoteClients {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> m = new HashMap<>(super.getConfigOverrides());
            m.put("bridge.http.unauthenticated-access", "any");
            return m;
        }
    }

    @Test
    void remoteClientsReachTheEndpoints() {
        given().contentType(ContentType.JSON)
                .body("{\"body\":\"e30=\"}")
                .post("/storage/upsert?key=mnist_v1")
                .then()
                .statusCode(not(403));
        given().delete("/location/remove?key=mnist_v1").then().statusCode(not(403));
    }
}
