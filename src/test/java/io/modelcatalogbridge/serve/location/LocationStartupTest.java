package io.modelcatalogbridge.serve.location;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.render.JsonArrayFormat;
import io.modelcatalogbridge.serve.location.contract.v1.V1ContractResource;
import io.modelcatalogbridge.testing.Waits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Start-up while storage is down: location is not ready and refuses to list (an empty list would make Backstage
 * delete every entity), keeps retrying, and serves everything once storage answers.
 */
@QuarkusTest
@TestProfile(LocationProfiles.StorageDownAtStart.class)
class LocationStartupTest {

    @StubStorageResource.Inject
    StubStorage storage;

    @Test
    void notReadyAndNotListingUntilTheFirstLoadThenServesEverything() {
        List<CatalogDocument> docs = ExampleDocuments.assemble("http://127.0.0.1:8081");
        JsonArrayFormat json = new JsonArrayFormat();
        docs.forEach(d -> ExampleDocuments.store(storage, d, json));

        Waits.await().until(() -> storage.loadAttempts() >= 2);
        given().get("/q/health/ready").then().statusCode(503);
        given().get("/list")
                .then()
                .statusCode(503)
                .contentType(ContentType.JSON)
                .body("error", equalTo("not ready: the first load from storage has not completed"));
        given().get(V1ContractResource.BASE_PATH + "/list").then().statusCode(503);
        // Pushes are taken even before the first load.
        given().contentType(ContentType.JSON)
                .body(ExampleDocuments.upsert(docs.get(0), json))
                .post("/upsert?key=" + docs.get(0).key().storageKey())
                .then()
                .statusCode(201);

        storage.failWith(0);

        Waits.await().untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        given().get(V1ContractResource.BASE_PATH + "/list")
                .then()
                .statusCode(200)
                .body(
                        "uris",
                        equalTo(docs.stream()
                                .map(d -> d.key().currentKey())
                                .sorted()
                                .toList()));
        given().get("/list").then().statusCode(200).body("uris.size()", greaterThan(0));
    }
}
