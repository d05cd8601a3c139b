package io.modelcatalogbridge.serve.storage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.modelcatalogbridge.testing.Waits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Storage's API under hostile input: keys and documents that location could never serve, malformed requests and
 * requests that must not read as "delete everything" are refused with a 4xx JSON error, nothing is stored, and
 * nothing is written outside the store's directory. Each case failed before the grammar (issue 11).
 */
@QuarkusTest
@TestProfile(StorageTestProfiles.FileWithToken.class)
class StorageHostileInputTest {

    private static RequestSpecification api() {
        return given().header("Authorization", "Bearer " + StorageTestProfiles.TOKEN)
                .urlEncodingEnabled(false);
    }

    private static String upsert(byte[] document) {
        return "{\"body\":\"" + Base64.getEncoder().encodeToString(document) + "\",\"lastUpdateTimeSinceEpoch\":\"5\"}";
    }

    private static String upsert(String document) {
        return upsert(document.getBytes(StandardCharsets.UTF_8));
    }

    @BeforeEach
    void oneKnownDocument() {
        Waits.await().until(() -> given().get("/q/health/ready").statusCode() == 200);
        api().post("/currentkeyset?key=").then().statusCode(200);
        api().contentType(ContentType.JSON)
                .body(upsert("{\"a\":1}"))
                .post("/upsert?key=keep_1")
                .then()
                .statusCode(201);
    }

    private static void refused(String key, String body, String expected) {
        api().contentType(ContentType.JSON)
                .body(body)
                .post("/upsert?key=" + key)
                .then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", containsString(expected));
    }

    @Test
    void keysLocationCannotServeAreRefusedAndNeverEchoedRaw() {
        String ok = upsert("{\"a\":1}");
        refused("a_b_c", ok, "bad key format");
        refused("..%2F..%2Fetc_passwd", ok, "bad key format");
        refused("mnist%E2%80%AE_v1", ok, "\\u202E");
        refused("mnist%E2%80%8B_v1", ok, "\\u200B");
        refused("mnist%FF_v1", ok, "bad key format");
        refused("mnist%0A_v1", ok, "bad key format");
        api().get("/list").then().body("keys", equalTo(List.of("keep_1")));
    }

    @Test
    void documentsLocationCannotServeAreRefused() {
        refused("trunc_1", upsert("{\"name\": \"x\", \"models\": ["), "not well-formed JSON");
        refused("deep_1", upsert("[".repeat(5000) + "]".repeat(5000)), "nested at most");
        refused("utf8_1", upsert(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'}), "not valid UTF-8");
        refused("ctrl_1", upsert("{\"a\":\"\u001b[31m\"}"), "U+001B");
        refused("bidi_1", upsert("{\"a\":\"\u202e\"}"), "U+202E");
        refused("two_1", upsert("{\"a\":1}{\"a\":2}"), "more than one JSON value");
        refused("empty_1", "{\"body\":\"\"}", "missing or empty");
        refused("card_1", "{\"body\":\"e30=\",\"modelCard\":\"\\u0007\"}", "'modelCard'");
        api().get("/list").then().body("keys", equalTo(List.of("keep_1")));
    }

    @Test
    void aKeySetRequestThatIsNotOneRemovesNothing() {
        api().post("/currentkeyset")
                .then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", containsString("nothing was removed"));
        api().contentType(ContentType.URLENC)
                .body("key=")
                .post("/currentkeyset")
                .then()
                .statusCode(400)
                .body("error", containsString("takes no body"));
        api().post("/currentkeyset?key=keep_1,a_b_c")
                .then()
                .statusCode(400)
                .body("error", containsString("nothing was removed"));
        api().get("/list").then().body("keys", equalTo(List.of("keep_1")));
    }

    @Test
    void malformedParametersAre400NotA404() {
        api().get("/documents?limit=abc")
                .then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", containsString("whole number"));
        api().get("/documents?limit=0").then().statusCode(400);
        api().get("/documents?limit=1").then().statusCode(200).body("documents.key", equalTo(List.of("keep_1")));
        for (String bad : List.of("abc", "1.5", "-1", "0", "99999999999", "%E2%80%AE1")) {
            for (String endpoint : List.of("/digests", "/documents")) {
                api().get(endpoint + "?limit=" + bad)
                        .then()
                        .statusCode(400)
                        .contentType(ContentType.JSON)
                        .body("error", containsString("limit"))
                        .body("error", not(containsString("\u202e")));
            }
        }
        api().get("/digests?limit=1").then().statusCode(200).body("digests.key", equalTo(List.of("keep_1")));
        api().get("/fetch?key=%E2%80%AE_x").then().statusCode(404).body("error", not(containsString("\u202e")));
    }

    @Test
    void nothingIsWrittenOutsideTheStore() throws IOException {
        Path dir = Path.of(StorageTestProfiles.FileWithToken.DIR);
        refused("..%2F..%2Fescape_1", upsert("{\"a\":1}"), "bad key format");
        refused("..%2Fescape_2", upsert("{\"a\":1}"), "bad key format");
        for (String outside : List.of("../../escape_1", "../escape_2", "../../escape_1.json", "../escape_2.json")) {
            assertFalse(Files.exists(dir.resolve(outside).normalize()), outside);
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(
                    List.of(),
                    s.map(p -> p.getFileName().toString())
                            .filter(n -> n.contains("escape"))
                            .toList());
        }
    }
}
