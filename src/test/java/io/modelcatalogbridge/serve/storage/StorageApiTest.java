package io.modelcatalogbridge.serve.storage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.storageapi.ContentDigest;
import io.modelcatalogbridge.testing.Waits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The storage REST contract with the Go bridge's exact request and response shapes, auth, limits and forwarding. */
@QuarkusTest
@TestProfile(StorageTestProfiles.FileWithToken.class)
class StorageApiTest {

    private static RequestSpecification api() {
        return given().header("Authorization", "Bearer " + StorageTestProfiles.TOKEN);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String upsertBody(String doc, String lastUpdate) {
        return "{\"body\":\"" + b64(doc) + "\",\"lastUpdateTimeSinceEpoch\":\"" + lastUpdate + "\"}";
    }

    @BeforeEach
    void empty() {
        Waits.await().until(() -> given().get("/q/health/ready").statusCode() == 200);
        api().post("/currentkeyset?key=").then().statusCode(200);
    }

    @Test
    void upsertFetchAndListInGoShapes() {
        api().contentType(ContentType.JSON)
                .body(upsertBody("{\"a\":1}", "1000"))
                .post("/upsert?key=mnist_v1&type=kubeflow")
                .then()
                .statusCode(201)
                .body("result", equalTo("created"));
        api().contentType(ContentType.JSON)
                .body(upsertBody("{\"a\":1}", "1000"))
                .post("/upsert?key=mnist_v1&type=kubeflow")
                .then()
                .statusCode(200)
                .body("result", equalTo("unchanged"));
        api().contentType(ContentType.JSON)
                .body(upsertBody("{\"a\":2}", "1001"))
                .post("/upsert?key=mnist_v1&type=kubeflow")
                .then()
                .statusCode(200)
                .body("result", equalTo("updated"));

        Map<String, Object> record = api().get("/fetch?key=mnist_v1")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .extract()
                .jsonPath()
                .getMap("");
        assertEquals(
                Map.of(
                        "body",
                        b64("{\"a\":2}"),
                        "locationId",
                        "",
                        "locationTarget",
                        "",
                        "locationIDValid",
                        false,
                        "reconcilerType",
                        "kubeflow",
                        "lastUpdateTimeSinceEpoch",
                        "1001"),
                record);
        api().get("/list").then().statusCode(200).body("keys", equalTo(List.of("mnist_v1")));
    }

    @Test
    void goNormalizerBodyWithOnlyBodyIsAccepted() {
        // The Go normalizer's PostBody: {"body": <[]byte as base64>}, no type, no time.
        api().contentType(ContentType.JSON)
                .body("{\"body\":\"" + b64("kind: Component\n") + "\"}")
                .post("/upsert?key=granite_v3")
                .then()
                .statusCode(201);
        api().get("/fetch?key=granite_v3")
                .then()
                .statusCode(200)
                .body("body", equalTo(b64("kind: Component\n")))
                .body("reconcilerType", equalTo(""))
                .body("lastUpdateTimeSinceEpoch", equalTo(""))
                .body("$", not(hasKey("modelCard")));
    }

    @Test
    void modelCardIsStoredAndEscapedKeysWork() {
        api().contentType(ContentType.JSON)
                .body("{\"body\":\"" + b64("x") + "\",\"modelCardKey\":\"reg/my model\",\"modelCard\":\"# Card\"}")
                .post("/upsert?key=-my-20model_v1&type=kserve")
                .then()
                .statusCode(201);
        api().get("/fetch?key=-my-20model_v1")
                .then()
                .statusCode(200)
                .body("modelCard", equalTo("# Card"))
                .body("modelCardKey", equalTo("reg/my model"))
                .body("reconcilerType", equalTo("kserve"));
    }

    @Test
    void olderUpsertIsIgnoredAndTheAnswerSaysSo() {
        api().contentType(ContentType.JSON)
                .body(upsertBody("new", "2000"))
                .post("/upsert?key=m_v1")
                .then()
                .statusCode(201);
        api().contentType(ContentType.JSON)
                .body(upsertBody("old", "999"))
                .post("/upsert?key=m_v1")
                .then()
                .statusCode(200)
                .body("result", equalTo("stale"))
                .body("lastUpdateTimeSinceEpoch", equalTo("2000"))
                .body("message", containsString("older"));
        api().get("/fetch?key=m_v1").then().body("body", equalTo(b64("new")));
    }

    @Test
    void fetchOfAnUnknownKeyIs404WithAJsonError() {
        api().get("/fetch?key=nope_v1")
                .then()
                .statusCode(404)
                .contentType(ContentType.JSON)
                .body("error", containsString("nope_v1"));
        api().get("/fetch").then().statusCode(400).body("error", equalTo("need a 'key' parameter"));
    }

    @Test
    void currentKeySetPrunesStorageAndLocationAndEmptyRemovesEverything() {
        for (String k : List.of("a_1", "b_1", "c_1")) {
            api().contentType(ContentType.JSON)
                    .body(upsertBody(k, "1"))
                    .post("/upsert?key=" + k)
                    .then()
                    .statusCode(201);
        }
        api().post("/currentkeyset?key=a_1,c_1").then().statusCode(200).body("removed", equalTo(List.of("b_1")));
        api().get("/list").then().body("keys", equalTo(List.of("a_1", "c_1")));
        Waits.await().until(() -> StubLocation.INSTANCE.calls.contains("DELETE b_1"));

        api().post("/currentkeyset?key=").then().statusCode(200);
        api().get("/list").then().body("keys", equalTo(List.of()));
        Waits.await().until(() -> StubLocation.INSTANCE.calls.containsAll(List.of("DELETE a_1", "DELETE c_1")));
    }

    @Test
    void badInputGetsA4xxWithAMessageAndStoresNothing() {
        api().contentType(ContentType.JSON)
                .body(upsertBody("x", "1"))
                .post("/upsert")
                .then()
                .statusCode(400)
                .body("error", equalTo("need a 'key' parameter"));
        api().contentType(ContentType.JSON)
                .body(upsertBody("x", "1"))
                .post("/upsert?key=mnist")
                .then()
                .statusCode(400)
                .body("error", containsString("bad key format"));
        api().contentType(ContentType.JSON)
                .body("{\"body\": ")
                .post("/upsert?key=bad_json")
                .then()
                .statusCode(400)
                .body("error", containsString("invalid JSON"));
        api().contentType(ContentType.JSON)
                .body("{\"body\":\"not base64!\"}")
                .post("/upsert?key=bad_b64")
                .then()
                .statusCode(400)
                .body("error", containsString("base64"));
        api().contentType(ContentType.JSON)
                .body("{\"body\":\"" + b64("x") + "\",\"lastUpdateTimeSinceEpoch\":\"x\"}")
                .post("/upsert?key=bad_time")
                .then()
                .statusCode(400)
                .body("error", containsString("epoch"));
        String huge = "{\"body\":\"" + "A".repeat(9 * 1024 * 1024) + "\"}";
        api().contentType(ContentType.JSON)
                .body(huge)
                .post("/upsert?key=too_big")
                .then()
                .statusCode(413)
                .contentType(ContentType.JSON)
                .body("error", containsString("larger than"));
        given().contentType(ContentType.JSON)
                .body(upsertBody("x", "1"))
                .post("/upsert?key=no_token")
                .then()
                .statusCode(401)
                .contentType(ContentType.JSON)
                .body("error", equalTo("missing bearer token"));
        given().header("Authorization", "Bearer wrong")
                .contentType(ContentType.JSON)
                .body(upsertBody("x", "1"))
                .post("/upsert?key=wrong_token")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid bearer token"));
        given().get("/list").then().statusCode(401);

        api().get("/list").then().statusCode(200).body("keys", equalTo(List.of()));
        given().get("/q/health/ready").then().statusCode(200);
    }

    /**
     * One timestamp parser (model/EpochMillis): epoch milliseconds as at most 13 ASCII digits, not more than the
     * accepted skew in the future. Anything else is a 400 naming the rule, and nothing is stored: such a time would
     * otherwise pin the key (the stale guard compares numbers) or overflow the normalizer's "stored time + 1".
     */
    @Test
    void timestampsThatAreNotEpochMillisecondsAreRefusedWithA400() {
        String tooFarAhead = Long.toString(System.currentTimeMillis() + 48L * 3600 * 1000);
        for (String bad : List.of(
                "-5",
                "+1000000000001",
                "01000000000001",
                "9223372036854775807",
                "\u0661\u0667\u0665\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0660",
                "1.7e12",
                tooFarAhead)) {
            api().contentType(ContentType.JSON)
                    .body(upsertBody("x", bad))
                    .post("/upsert?key=bad_time")
                    .then()
                    .statusCode(400)
                    .contentType(ContentType.JSON)
                    .body("error", containsString("lastUpdateTimeSinceEpoch"));
        }
        api().get("/fetch?key=bad_time").then().statusCode(404);
        api().contentType(ContentType.JSON)
                .body(upsertBody("x", "1740498237116"))
                .post("/upsert?key=bad_time")
                .then()
                .statusCode(201);
        api().contentType(ContentType.JSON)
                .body("{\"body\":\"" + b64("y") + "\"}")
                .post("/upsert?key=no_time")
                .then()
                .statusCode(201); // Go clients may send no time at all
    }

    /** {@code GET /digests}: key, content digest, time, type and source, paged like /documents, no bodies. */
    @Test
    void digestsListWhatIsStoredWithoutBodies() {
        api().contentType(ContentType.JSON)
                .body("{\"body\":\"" + b64("d1") + "\",\"lastUpdateTimeSinceEpoch\":\"7\",\"modelCardKey\":\"c\","
                        + "\"modelCard\":\"# card\",\"sourceId\":\"reg\"}")
                .post("/upsert?key=d_1&type=kubeflow")
                .then()
                .statusCode(201);
        for (String k : List.of("d_2", "d_3")) {
            api().contentType(ContentType.JSON).body(upsertBody(k, "8")).post("/upsert?key=" + k + "&type=kserve");
        }
        api().get("/digests")
                .then()
                .statusCode(200)
                .body("digests.key", equalTo(List.of("d_1", "d_2", "d_3")))
                .body(
                        "digests[0].digest",
                        equalTo(ContentDigest.of("d1".getBytes(StandardCharsets.UTF_8), "kubeflow", "c", "# card")))
                .body("digests[0].lastUpdateTimeSinceEpoch", equalTo("7"))
                .body("digests[0].type", equalTo("kubeflow"))
                .body("digests[0].sourceId", equalTo("reg"))
                .body("digests[1]", not(hasKey("sourceId")))
                .body("digests[1]", not(hasKey("body")))
                .body("$", not(hasKey("next")));
        api().get("/digests?limit=2")
                .then()
                .body("digests.key", equalTo(List.of("d_1", "d_2")))
                .body("next", equalTo("d_2"));
        api().get("/digests?limit=2&after=d_2").then().body("digests.key", equalTo(List.of("d_3")));
        api().get("/digests?limit=0").then().statusCode(400).body("error", containsString("limit"));
        given().get("/digests").then().statusCode(401);
    }

    @Test
    void documentsEndpointPagesThroughAllRecords() {
        for (String k : List.of("p_1", "p_2", "p_3")) {
            api().contentType(ContentType.JSON).body(upsertBody(k, "7")).post("/upsert?key=" + k);
        }
        api().get("/documents")
                .then()
                .statusCode(200)
                .body("documents.key", equalTo(List.of("p_1", "p_2", "p_3")))
                .body("documents[1].record.body", equalTo(b64("p_2")))
                .body("$", not(hasKey("next")));
        api().get("/documents?limit=2")
                .then()
                .body("documents.key", equalTo(List.of("p_1", "p_2")))
                .body("next", equalTo("p_2"));
        api().get("/documents?limit=2&after=p_2").then().body("documents.key", equalTo(List.of("p_3")));
    }

    @Test
    void changesReachLocationAndWaitWhileItIsDown() {
        StubLocation location = StubLocation.INSTANCE;
        api().contentType(ContentType.JSON)
                .body(upsertBody("v1", "1"))
                .post("/upsert?key=fwd_v1")
                .then()
                .statusCode(201);
        Waits.await().until(() -> location.documents.containsKey("fwd_v1"));
        assertTrue(location.documents.get("fwd_v1").contains(b64("v1")));

        location.stop();
        try {
            // Storing must not wait for location: both answers come while location is still down (a storage that
            // waited would never answer here, location only comes back in the finally block).
            for (String version : List.of("2", "3")) {
                api().config(Waits.answersWithinCeiling())
                        .contentType(ContentType.JSON)
                        .body(upsertBody("v" + version, version))
                        .post("/upsert?key=fwd_v1")
                        .then()
                        .statusCode(200);
            }
            api().get("/fetch?key=fwd_v1").then().statusCode(200).body("body", equalTo(b64("v3")));
        } finally {
            location.start();
        }
        Waits.await().until(() -> location.documents.getOrDefault("fwd_v1", "").contains(b64("v3")));
        assertTrue(location.documents.get("fwd_v1").contains("\"lastUpdateTimeSinceEpoch\":\"3\""));
    }
}
