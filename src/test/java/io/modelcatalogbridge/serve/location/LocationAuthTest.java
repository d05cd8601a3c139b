package io.modelcatalogbridge.serve.location;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.modelcatalogbridge.backstage.auth.PluginTokenVerifier;
import io.modelcatalogbridge.backstage.auth.TestJwks;
import io.modelcatalogbridge.backstage.auth.TestJwksResource;
import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.render.JsonArrayFormat;
import io.modelcatalogbridge.serve.location.contract.v1.V1ContractResource;
import io.modelcatalogbridge.testing.Waits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Location with Backstage plugin tokens and a static token configured: who may read, who may push. */
@QuarkusTest
@TestProfile(LocationProfiles.WithAuth.class)
class LocationAuthTest {

    static final String BASE = V1ContractResource.BASE_PATH;
    static final String CARD = "# card\n";

    @StubStorageResource.Inject
    StubStorage storage;

    @TestJwksResource.Inject
    TestJwksResource.Fixture jwks;

    private CatalogDocument doc;

    @BeforeEach
    void storeOneDocument() {
        String location = "http://127.0.0.1:8081";
        doc = ExampleDocuments.withCard(
                ExampleDocuments.byKey(ExampleDocuments.assemble(location), "mnist_v1"), CARD, location);
        ExampleDocuments.store(storage, doc, new JsonArrayFormat());
        Waits.await().untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void requestsWithoutAValidTokenAreRefused() {
        for (String path :
                List.of("/list", "/mnist/v1/model-catalog.json", BASE + "/list", BASE + "/models/mnist/v1")) {
            given().get(path)
                    .then()
                    .statusCode(401)
                    .contentType(ContentType.JSON)
                    .header("WWW-Authenticate", "Bearer")
                    .body("error", equalTo("Unauthorized"));
            given().auth().oauth2("wrong-token").get(path).then().statusCode(401);
        }
        given().contentType(ContentType.JSON)
                .body(ExampleDocuments.upsert(doc, new JsonArrayFormat()))
                .post("/upsert?key=mnist_v1")
                .then()
                .statusCode(401);
        given().delete("/remove?key=mnist_v1").then().statusCode(401);
    }

    @Test
    void aBackstagePluginTokenForTheProviderReadsBothContracts() {
        RequestSpecification plugin = given().auth()
                .oauth2(TestJwks.pluginToken(jwks.key(), LocationProfiles.PROVIDER_ID, Duration.ofHours(1)));
        given().spec(plugin).get(BASE + "/list").then().statusCode(200).body("uris", equalTo(List.of("mnist/v1")));
        given().spec(plugin).get(BASE + "/models/mnist/v1").then().statusCode(200);
        given().spec(plugin).get("/list").then().statusCode(200);
    }

    @Test
    void pluginTokensForAnotherAudienceOrExpiredAreRefused() {
        given().auth()
                .oauth2(TestJwks.pluginToken(jwks.key(), "some-other-plugin", Duration.ofHours(1)))
                .get(BASE + "/list")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TestJwks.sign(
                        jwks.key(),
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                        PluginTokenVerifier.TOKEN_TYPE,
                        LocationProfiles.PROVIDER_ID,
                        Instant.now().minusSeconds(3600)))
                .get(BASE + "/list")
                .then()
                .statusCode(401);
    }

    @Test
    void onlyTheStaticTokenMayPush() {
        JsonArrayFormat json = new JsonArrayFormat();
        given().auth()
                .oauth2(TestJwks.pluginToken(jwks.key(), LocationProfiles.PROVIDER_ID, Duration.ofHours(1)))
                .contentType(ContentType.JSON)
                .body(ExampleDocuments.upsert(doc, json))
                .post("/upsert?key=mnist_v1")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(LocationProfiles.STATIC_TOKEN)
                .contentType(ContentType.JSON)
                .body(ExampleDocuments.upsert(doc, json))
                .post("/upsert?key=mnist_v1")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(LocationProfiles.STATIC_TOKEN)
                .get("/list")
                .then()
                .statusCode(200)
                .body("uris", equalTo(List.of("/mnist/v1/model-catalog.json")));
    }

    @Test
    void modelCardsStayOpenForTechDocsReaders() {
        given().get("/modelcard/modelregistry-public/mnist-v1")
                .then()
                .statusCode(200)
                .body(equalTo(CARD));
        given().get(BASE + "/modelcard/modelregistry-public/mnist-v1").then().statusCode(200);
        given().get("/modelcard?key=modelregistry-public/mnist-v1").then().statusCode(200);
    }
}
