package io.modelcatalogbridge.serve.location;

import static io.restassured.RestAssured.given;

import io.modelcatalogbridge.backstage.auth.AuthMatrix;
import io.modelcatalogbridge.backstage.auth.AuthMatrix.Endpoint;
import io.modelcatalogbridge.backstage.auth.TestJwks;
import io.modelcatalogbridge.backstage.auth.TestJwksResource;
import io.modelcatalogbridge.serve.location.contract.v1.V1ContractResource;
import io.modelcatalogbridge.testing.Waits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The auth matrix for location with Backstage plugin tokens and {@code BRIDGE_TOKEN}: every endpoint of both
 * contracts, the pushes and the metrics refuse missing, wrong, expired, wrong-audience, {@code alg: none},
 * HS256-confusion, over-long and unpublished-key tokens. Model cards are open by the documented default
 * ({@code open-model-cards}: Backstage's TechDocs reader sends no token) and are not in the matrix.
 */
@QuarkusTest
@TestProfile(LocationProfiles.WithAuth.class)
class LocationAuthMatrixTest {

    static final String BASE = V1ContractResource.BASE_PATH;

    @TestJwksResource.Inject
    TestJwksResource.Fixture jwks;

    @Test
    void everyEndpointRefusesEveryBadCredential() {
        Waits.await().until(() -> given().get("/q/health/ready").statusCode() == 200);
        List<Endpoint> endpoints = List.of(
                Endpoint.get("/list"),
                Endpoint.get("/mnist/v1/model-catalog.json"),
                Endpoint.get(BASE + "/list"),
                Endpoint.get(BASE + "/models/mnist/v1"),
                Endpoint.post("/upsert?key=mnist_v1", "{\"body\":\"e30=\",\"lastUpdateTimeSinceEpoch\":\"1\"}"),
                Endpoint.post("/upserts", "[{\"key\":\"mnist_v1\",\"body\":\"e30=\"}]"),
                Endpoint.delete("/remove?key=mnist_v1"),
                Endpoint.get("/q/metrics"));
        AuthMatrix.assertRefused(endpoints, AuthMatrix.badCredentials(jwks.key(), LocationProfiles.PROVIDER_ID));
        // Control: the same calls pass with the right credentials, so the matrix is not refusing everything.
        given().auth()
                .oauth2(TestJwks.pluginToken(jwks.key(), LocationProfiles.PROVIDER_ID, Duration.ofHours(1)))
                .get(BASE + "/list")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(LocationProfiles.STATIC_TOKEN)
                .get("/q/metrics")
                .then()
                .statusCode(200);
    }
}
