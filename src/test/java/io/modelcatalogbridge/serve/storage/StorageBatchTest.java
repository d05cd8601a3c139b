package io.modelcatalogbridge.serve.storage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.testing.Waits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /upserts}: many upserts in one request. Every good document lands and reaches location, each bad one is
 * reported with the 4xx a single upsert would have got, a batch needs the token, and a batch over its limit is a 413
 * with a JSON message.
 */
@QuarkusTest
@TestProfile(StorageTestProfiles.FileWithToken.class)
class StorageBatchTest {

    private static RequestSpecification api() {
        return given().header("Authorization", "Bearer " + StorageTestProfiles.TOKEN);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String entry(String key, String doc, String lastUpdate) {
        return "{\"key\":\"" + key + "\",\"type\":\"kubeflow\",\"body\":\"" + b64(doc)
                + "\",\"lastUpdateTimeSinceEpoch\":\"" + lastUpdate + "\",\"sourceId\":\"reg\"}";
    }

    @BeforeEach
    void empty() {
        Waits.await().until(() -> given().get("/q/health/ready").statusCode() == 200);
        api().post("/currentkeyset?key=").then().statusCode(200);
    }

    @Test
    void aBatchLandsEveryGoodDocumentAndReportsEachBadOne() {
        api().contentType(ContentType.JSON)
                .body("{\"body\":\"" + b64("{\"old\":true}") + "\",\"lastUpdateTimeSinceEpoch\":\"500\"}")
                .post("/upsert?key=newer_v1")
                .then()
                .statusCode(201);
        String batch = "["
                + entry("good_v1", "{\"a\":1}", "10") + ","
                + entry("a_b_c", "{\"a\":2}", "10") + ","
                + "{\"key\":\"notbase64_v1\",\"body\":\"%%%\",\"lastUpdateTimeSinceEpoch\":\"10\"}" + ","
                + entry("badtime_v1", "{\"a\":3}", "-1") + ","
                + entry("newer_v1", "{\"a\":4}", "100") + ","
                + entry("good_v2", "{\"a\":5}", "11") + "]";

        api().contentType(ContentType.JSON)
                .body(batch)
                .post("/upserts")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("stored", equalTo(2))
                .body("refused", equalTo(4))
                .body(
                        "results.key",
                        equalTo(List.of("good_v1", "a_b_c", "notbase64_v1", "badtime_v1", "newer_v1", "good_v2")))
                .body(
                        "results.result",
                        equalTo(List.of("created", "refused", "refused", "refused", "stale", "created")))
                .body("results.status", equalTo(List.of(201, 400, 400, 400, 200, 201)))
                .body("results[1].message", containsString("bad key format"))
                .body("results[2].message", containsString("base64"))
                .body("results[3].message", containsString("lastUpdateTimeSinceEpoch"))
                .body("results[4].lastUpdateTimeSinceEpoch", equalTo("500"));

        api().get("/list").then().body("keys", equalTo(List.of("good_v1", "good_v2", "newer_v1")));
        api().get("/fetch?key=good_v2")
                .then()
                .statusCode(200)
                .body("body", equalTo(b64("{\"a\":5}")))
                .body("reconcilerType", equalTo("kubeflow"))
                .body("sourceId", equalTo("reg"));
        api().get("/fetch?key=newer_v1").then().body("body", equalTo(b64("{\"old\":true}")));

        // The batch again: nothing changes, and each answer says so.
        api().contentType(ContentType.JSON)
                .body("[" + entry("good_v1", "{\"a\":1}", "10") + "]")
                .post("/upserts")
                .then()
                .statusCode(200)
                .body("results[0].result", equalTo("unchanged"));

        // Location hears of every stored document (the stub has no batch endpoint: one push each).
        StubLocation location = StubLocation.INSTANCE;
        Waits.await()
                .until(() -> location.documents.containsKey("good_v1") && location.documents.containsKey("good_v2"));
        assertTrue(location.documents.get("good_v2").contains(b64("{\"a\":5}")));
    }

    /**
     * Changes due together go to location as one {@code POST /upserts}; this location (the Go bridge's) answers 404,
     * so each goes as its own {@code POST /upsert}, and location still gets every document.
     */
    @Test
    void forwardsFallBackToOnePushPerDocumentForALocationWithoutBatches() {
        StubLocation location = StubLocation.INSTANCE;
        CountDownLatch gate = new CountDownLatch(1);
        location.gate = gate;
        try {
            // The forwarder is busy with this push (held by the gate) while the batch's changes queue up behind it.
            api().contentType(ContentType.JSON)
                    .body("{\"body\":\"" + b64("{\"first\":1}") + "\",\"lastUpdateTimeSinceEpoch\":\"1\"}")
                    .post("/upsert?key=first_v1")
                    .then()
                    .statusCode(201);
            StringBuilder batch = new StringBuilder("[");
            for (int i = 0; i < 5; i++) {
                batch.append(i == 0 ? "" : ",").append(entry("queued" + i + "_v1", "{\"q\":" + i + "}", "1"));
            }
            api().contentType(ContentType.JSON)
                    .body(batch.append("]").toString())
                    .post("/upserts")
                    .then()
                    .statusCode(200)
                    .body("stored", equalTo(5));
        } finally {
            location.gate = null;
            gate.countDown();
        }
        Waits.await()
                .until(() -> location.documents
                        .keySet()
                        .containsAll(List.of(
                                "first_v1", "queued0_v1", "queued1_v1", "queued2_v1", "queued3_v1", "queued4_v1")));
        assertTrue(location.calls.contains("404 POST /upserts"), location.calls.toString());
        assertTrue(location.documents.get("queued4_v1").contains(b64("{\"q\":4}")));
    }

    @Test
    void aBatchWithoutTheTokenIsRefusedAndStoresNothing() {
        given().contentType(ContentType.JSON)
                .body("[" + entry("sneaky_v1", "{\"a\":1}", "10") + "]")
                .post("/upserts")
                .then()
                .statusCode(401)
                .contentType(ContentType.JSON);
        given().header("Authorization", "Bearer wrong")
                .contentType(ContentType.JSON)
                .body("[" + entry("sneaky_v1", "{\"a\":1}", "10") + "]")
                .post("/upserts")
                .then()
                .statusCode(401);
        api().get("/list").then().body("keys", equalTo(List.of()));
    }

    @Test
    void aBatchThatIsNoBatchIsA400() {
        for (String body : List.of("", "{\"key\":\"a_b\"}", "[null]", "[1]", "not json")) {
            api().contentType(ContentType.JSON)
                    .body(body)
                    .post("/upserts")
                    .then()
                    .statusCode(400)
                    .contentType(ContentType.JSON)
                    .body("error", containsString("POST body"));
        }
        api().get("/list").then().body("keys", equalTo(List.of()));
    }

    @Test
    void oversizedBatchesAndDocumentsGet413() {
        // One document over the per-document limit (8 MiB) in a batch under the batch limit (16 MiB): that document is
        // refused with 413, the other one lands.
        String big = "{\"p\":\"" + "x".repeat(9 * 1024 * 1024) + "\"}";
        api().contentType(ContentType.JSON)
                .body("[" + entry("big_v1", big, "1") + "," + entry("small_v1", "{\"a\":1}", "1") + "]")
                .post("/upserts")
                .then()
                .statusCode(200)
                .body("results.status", equalTo(List.of(413, 201)))
                .body("results[0].message", containsString("bridge.http.max-body-size"));
        // A batch over the batch limit: 413 and a JSON message naming the setting; nothing of it is stored.
        String half = "{\"p\":\"" + "y".repeat(7 * 1024 * 1024) + "\"}";
        api().contentType(ContentType.JSON)
                .body("[" + entry("h_v1", half, "1") + "," + entry("h_v2", half, "1") + "," + entry("h_v3", "{}", "1")
                        + "]")
                .post("/upserts")
                .then()
                .statusCode(413)
                .contentType(ContentType.JSON)
                .body("error", containsString("bridge.http.max-batch-body-size"));
        api().get("/list").then().body("keys", equalTo(List.of("small_v1")));
    }
}
