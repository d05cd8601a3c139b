package io.modelcatalogbridge.serve.location;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.model.DocumentKey;
import io.modelcatalogbridge.render.JsonArrayFormat;
import io.modelcatalogbridge.serve.location.contract.v1.V1ContractResource;
import io.modelcatalogbridge.storageapi.StorageWire;
import io.modelcatalogbridge.testing.Waits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Storage's batched pushes, {@code POST /upserts}: every good document is served, a bad one is refused with the 400 a
 * single push gets and the reason, and nothing of it is listed.
 */
@QuarkusTest
@TestProfile(LocationProfiles.Open.class)
class LocationBatchPushTest {

    private static final String BASE = V1ContractResource.BASE_PATH;
    private static final JsonArrayFormat JSON = new JsonArrayFormat();

    @StubStorageResource.Inject
    StubStorage storage;

    private static CatalogDocument rekeyed(CatalogDocument d, String group) {
        return new CatalogDocument(
                DocumentKey.of(group, "v1"), d.sourceId(), d.kind(), d.lastUpdated(), d.catalog(), d.modelCard());
    }

    private static StorageWire.BatchUpsert entry(String key, StorageWire.UpsertRequest r) {
        return StorageWire.BatchUpsert.of(key, "kubeflow", r);
    }

    /** The example mnist version under another model name. */
    private static CatalogDocument mnistAs(String group) throws Exception {
        List<CatalogDocument> examples = ExampleDocuments.assemble("http://127.0.0.1:8081");
        return rekeyed(ExampleDocuments.byKey(examples, "mnist_v1"), group);
    }

    /** Sends a batch once location is ready; its 200 JSON answer, to check. */
    private static ValidatableResponse pushed(List<StorageWire.BatchUpsert> entries) throws Exception {
        String batch = new ObjectMapper().writeValueAsString(entries);
        Waits.await().until(() -> given().get("/q/health/ready").statusCode() == 200);
        return given().contentType(ContentType.JSON)
                .body(batch)
                .post("/upserts")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON);
    }

    @Test
    void aBatchOfPushesIsServedAndABadDocumentIsRefusedAlone() throws Exception {
        CatalogDocument one = mnistAs("batched1");
        CatalogDocument two = mnistAs("batched2");

        // Pushed before storage holds them: only the push can make them listed at once.
        pushed(List.of(
                        entry("batched1_v1", ExampleDocuments.upsert(one, JSON)),
                        entry("a_b_c", ExampleDocuments.upsert(one, JSON)),
                        entry("broken_v1", new StorageWire.UpsertRequest("%%%", "1", null, null)),
                        entry("batched2_v1", ExampleDocuments.upsert(two, JSON))))
                .body("stored", equalTo(2))
                .body("refused", equalTo(2))
                .body("results.result", equalTo(List.of("created", "refused", "refused", "created")))
                .body("results.status", equalTo(List.of(201, 400, 400, 201)))
                .body("results[2].message", containsString("not base64"));
        ExampleDocuments.store(storage, one, JSON);
        ExampleDocuments.store(storage, two, JSON);
        Waits.await()
                .untilAsserted(() -> given().get(BASE + "/list")
                        .then()
                        .body("uris", hasItems("batched1/v1", "batched2/v1"))
                        .body("uris", not(hasItem("broken/v1"))));
        assertArrayEquals(
                JSON.render(two), given().get(BASE + "/models/batched2/v1").asByteArray());

        given().contentType(ContentType.JSON)
                .body("{\"not\": \"an array\"}")
                .post("/upserts")
                .then()
                .statusCode(400)
                .contentType(ContentType.JSON);
        storage.remove("batched1_v1");
        storage.remove("batched2_v1");
    }

    /**
     * A document over {@code bridge.http.max-body-size} (8 MiB: body, model card and card key as sent, together; here
     * one character over) is refused alone with 413, as a single push of it would be; the rest of the batch is served.
     */
    @Test
    void aDocumentOverTheSizeLimitIsRefusedAloneWith413() throws Exception {
        CatalogDocument small = mnistAs("sized1");
        int half = 4 * 1024 * 1024;
        String body = "e30=".repeat(half / 4); // base64 of "{}" repeated: 4 MiB of body

        pushed(List.of(
                        entry("huge_v1", new StorageWire.UpsertRequest(body, "1", "src/huge", "#".repeat(half - 7))),
                        entry("sized1_v1", ExampleDocuments.upsert(small, JSON))))
                .body("results.key", equalTo(List.of("huge_v1", "sized1_v1")))
                .body("results.status", equalTo(List.of(413, 201)))
                .body("results[0].message", containsString("larger than 8388608 bytes"));
    }
}
