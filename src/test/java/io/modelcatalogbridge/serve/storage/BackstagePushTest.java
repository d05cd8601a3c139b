package io.modelcatalogbridge.serve.storage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.modelcatalogbridge.backstage.BackstageCatalogClient;
import io.modelcatalogbridge.testing.Waits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code PUSH_TO_RHDH}: one Backstage location per document, against a stub catalog API that records calls. */
@QuarkusTest
@TestProfile(StorageTestProfiles.BackstagePush.class)
class BackstagePushTest {

    private static final StubCatalog CATALOG = StubCatalog.INSTANCE;

    private static void upsert(String key, String doc, int status) {
        String b64 = Base64.getEncoder().encodeToString(doc.getBytes(StandardCharsets.UTF_8));
        given().config(Waits.answersWithinCeiling())
                .contentType(ContentType.JSON)
                .body("{\"body\":\"" + b64 + "\"}")
                .post("/upsert?key=" + key)
                .then()
                .statusCode(status);
    }

    private static String storedLocationId(String key) {
        return given().get("/fetch?key=" + key).then().statusCode(200).extract().path("locationId");
    }

    private static String target(String seg1, String seg2) {
        return StorageTestProfiles.BackstagePush.LOCATION_BASE + "/" + seg1 + "/" + seg2 + "/model-catalog.json";
    }

    @BeforeEach
    void ready() {
        CATALOG.start();
        Waits.await().until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    @Test
    void importsRefreshesOnChangeAndDeletesOnPrune() {
        upsert("mnist_v1", "{\"v\":1}", 201);
        String target = target("mnist", "v1");
        Waits.await()
                .until(() -> CATALOG.idForTarget(target) != null
                        && CATALOG.idForTarget(target).equals(storedLocationId("mnist_v1")));
        String id = CATALOG.idForTarget(target);
        assertEquals("rhdh-rhoai-bridge", CATALOG.locations.get(id).get("type"));
        given().get("/fetch?key=mnist_v1")
                .then()
                .body("locationTarget", equalTo(target))
                .body("locationIDValid", equalTo(true));

        String refresh =
                "POST /api/catalog/refresh " + BackstageCatalogClient.locationEntityRef("rhdh-rhoai-bridge", target);
        upsert("mnist_v1", "{\"v\":1}", 200);
        upsert("mnist_v1", "{\"v\":2}", 200);
        Waits.await().until(() -> CATALOG.calls.contains(refresh));
        assertEquals(1, CATALOG.calls.stream().filter(refresh::equals).count(), "unchanged content refreshed");

        given().post("/currentkeyset?key=").then().statusCode(200);
        Waits.await().until(() -> !CATALOG.locations.containsKey(id));
        assertFalse(CATALOG.calls.stream().anyMatch(c -> c.endsWith("unauthorized")));
    }

    @Test
    void reimportsWhenBackstageForgotTheLocation() {
        upsert("granite_v3", "a", 201);
        String target = target("granite", "v3");
        Waits.await()
                .until(() -> CATALOG.idForTarget(target) != null
                        && CATALOG.idForTarget(target).equals(storedLocationId("granite_v3")));
        String first = CATALOG.idForTarget(target);

        CATALOG.forget(first);
        upsert("granite_v3", "b", 200);
        Waits.await()
                .until(() -> CATALOG.idForTarget(target) != null
                        && CATALOG.idForTarget(target).equals(storedLocationId("granite_v3")));
        assertNotEquals(first, CATALOG.idForTarget(target));
    }

    @Test
    void aBackstageStillStartingAnswers404AndTheImportIsRetried() {
        // Found against a real Backstage: until the catalog plugin is mounted, POST /api/catalog/locations is a 404.
        CATALOG.importsBeforeMounted.set(2);
        upsert("starting_v1", "x", 201);
        String target = target("starting", "v1");
        Waits.await()
                .until(() -> CATALOG.idForTarget(target) != null
                        && CATALOG.idForTarget(target).equals(storedLocationId("starting_v1")));
        assertEquals(
                3,
                CATALOG.calls.stream()
                        .filter(("POST /api/catalog/locations " + target)::equals)
                        .count());
    }

    @Test
    void backstageDownNeverBlocksStoringAndThePushIsRetried() {
        CATALOG.stop();
        try {
            // Backstage stays down until the finally block: a storage that waited for it would not answer within the
            // ceiling.
            upsert("offline_v1", "x", 201);
            given().get("/list").then().statusCode(200);
            given().get("/fetch?key=offline_v1").then().statusCode(200).body("locationId", equalTo(""));
        } finally {
            CATALOG.start();
        }
        String target = target("offline", "v1");
        Waits.await()
                .until(() -> CATALOG.idForTarget(target) != null
                        && CATALOG.idForTarget(target).equals(storedLocationId("offline_v1")));
        given().get("/q/health/ready").then().statusCode(200);
    }
}
