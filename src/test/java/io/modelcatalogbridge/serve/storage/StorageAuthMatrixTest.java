package io.modelcatalogbridge.serve.storage;

import static io.restassured.RestAssured.given;

import io.modelcatalogbridge.backstage.auth.AuthMatrix;
import io.modelcatalogbridge.backstage.auth.AuthMatrix.Endpoint;
import io.modelcatalogbridge.backstage.auth.TestJwks;
import io.modelcatalogbridge.testing.Waits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The auth matrix for storage with {@code STORAGE_TOKEN} set: every endpoint but health refuses every bad
 * credential (storage takes its static token only, so any JWT is a wrong token), and a key-set call with a bad
 * credential removes nothing.
 */
@QuarkusTest
@TestProfile(StorageTestProfiles.FileWithToken.class)
class StorageAuthMatrixTest {

    private static final String UPSERT = "{\"body\":\"e30=\",\"lastUpdateTimeSinceEpoch\":\"1\"}";

    @Test
    void everyEndpointRefusesEveryBadCredential() {
        Waits.await().until(() -> given().get("/q/health/ready").statusCode() == 200);
        String good = "Bearer " + StorageTestProfiles.TOKEN;
        given().header("Authorization", good)
                .contentType("application/json")
                .body(UPSERT)
                .post("/upsert?key=matrix_1")
                .then()
                .statusCode(201);
        List<Endpoint> endpoints = List.of(
                Endpoint.post("/upsert?key=matrix_2", UPSERT),
                Endpoint.post("/upserts", "[{\"key\":\"matrix_2\",\"body\":\"e30=\"}]"),
                Endpoint.post("/currentkeyset?key=", null),
                Endpoint.get("/list"),
                Endpoint.get("/fetch?key=matrix_1"),
                Endpoint.get("/documents"),
                Endpoint.get("/digests"),
                Endpoint.get("/q/metrics"));
        AuthMatrix.assertRefused(endpoints, AuthMatrix.badCredentials(TestJwks.newKey("any"), "storage"));
        // Nothing the refused calls asked for happened; the right token still works everywhere (control).
        given().header("Authorization", good).get("/fetch?key=matrix_1").then().statusCode(200);
        given().header("Authorization", good).get("/fetch?key=matrix_2").then().statusCode(404);
        given().header("Authorization", good).get("/q/metrics").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }
}
