package io.modelcatalogbridge.serve.location;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.model.DocumentKey;
import io.modelcatalogbridge.render.CatalogInfoYamlFormat;
import io.modelcatalogbridge.render.JsonArrayFormat;
import io.modelcatalogbridge.serve.location.contract.v1.V1ContractResource;
import io.modelcatalogbridge.storageapi.StorageWire;
import io.modelcatalogbridge.testing.Waits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Both location contracts as Backstage modules call them, on the role's port: documents from a stub storage (made
 * by the real pipeline), pushes, model cards, the removal grace and the periodic reconcile.
 */
@QuarkusTest
@TestProfile(LocationProfiles.Open.class)
class LocationContractsTest {

    static final String LOCATION = "http://127.0.0.1:8081";
    static final String BASE = V1ContractResource.BASE_PATH;
    static final String CARD_MD = "# mnist\n\nHand-written digits, served by OpenVINO.\n";

    private static final JsonArrayFormat JSON = new JsonArrayFormat();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @StubStorageResource.Inject
    StubStorage storage;

    private List<CatalogDocument> docs;

    @BeforeEach
    void storeExamples() {
        docs = new ArrayList<>(ExampleDocuments.assemble(LOCATION));
        docs.replaceAll(
                d -> d.key().storageKey().equals("mnist_v1") ? ExampleDocuments.withCard(d, CARD_MD, LOCATION) : d);
        storage.clear();
        docs.forEach(d -> ExampleDocuments.store(storage, d, JSON));
        List<String> keys =
                docs.stream().map(d -> d.key().currentKey()).sorted().toList();
        Waits.await()
                .untilAsserted(
                        () -> given().get(BASE + "/list").then().statusCode(200).body("uris", equalTo(keys)));
    }

    @Test
    void goEraListNamesEveryDocumentByPathAndServesItsBytes() {
        List<String> expected = docs.stream()
                .map(d -> d.key().goEraUri(JsonArrayFormat.FILE_NAME))
                .sorted()
                .toList();
        List<String> uris = given().get("/list")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .extract()
                .jsonPath()
                .getList("uris", String.class);
        assertEquals(expected, uris);
        for (CatalogDocument d : docs) {
            byte[] body = given().get(d.key().goEraUri(JsonArrayFormat.FILE_NAME))
                    .then()
                    .statusCode(200)
                    .contentType(JsonArrayFormat.CONTENT_TYPE)
                    .extract()
                    .asByteArray();
            assertArrayEquals(JSON.render(d), body, d.key().storageKey());
        }
        given().get("/mnist/v1/catalog-info.yaml").then().statusCode(404);
        given().get("/mnist/v9/model-catalog.json").then().statusCode(404).body("error", equalTo("Not Found"));
    }

    @Test
    void currentContractListsKeysAndServesEachModelDocument() {
        for (CatalogDocument d : docs) {
            byte[] body = given().get(BASE + "/models/" + d.key().currentKey())
                    .then()
                    .statusCode(200)
                    .contentType(ContentType.JSON)
                    .extract()
                    .asByteArray();
            assertArrayEquals(JSON.render(d), body, d.key().storageKey());
        }
        given().get(BASE + "/models/no/such")
                .then()
                .statusCode(404)
                .contentType(ContentType.JSON)
                .body("error", equalTo("Not Found"));
    }

    @Test
    void yamlDocumentsAreServedToTheGoEraOnly() {
        CatalogDocument yamlDoc = rekeyed(docs.get(0), "yamlmodel", "v1");
        // Pushed before it is in storage, so no reconcile can have loaded it first and the push creates it.
        push(yamlDoc.key().storageKey(), ExampleDocuments.upsert(yamlDoc, new CatalogInfoYamlFormat()), 201);
        ExampleDocuments.store(storage, yamlDoc, new CatalogInfoYamlFormat());

        // A reconcile between the push and the store may drop it until the next one brings it back.
        Waits.await()
                .untilAsserted(
                        () -> given().get("/list").then().body("uris", hasItem("/yamlmodel/v1/catalog-info.yaml")));
        byte[] body = given().get("/yamlmodel/v1/catalog-info.yaml")
                .then()
                .statusCode(200)
                .contentType(CatalogInfoYamlFormat.CONTENT_TYPE)
                .extract()
                .asByteArray();
        assertArrayEquals(new CatalogInfoYamlFormat().render(yamlDoc), body);
        given().get(BASE + "/list").then().body("uris", not(hasItem("yamlmodel/v1")));
        given().get(BASE + "/models/yamlmodel/v1").then().statusCode(404);
    }

    @Test
    void modelCardsAreServedAtTheUrlsTheDocumentsAnnounce() throws IOException {
        JsonNode annotations = MAPPER.readTree(
                        given().get(BASE + "/models/mnist/v1").asByteArray())
                .path("models")
                .path(0)
                .path("annotations");
        // Current module: a path it prefixes with its discovered base; old modules: an absolute URL.
        String techdocs = annotations.path("techdocs").asText();
        String absolute = annotations.path("TechDocs").asText();
        assertEquals("/modelcard/modelregistry-public/mnist-v1", techdocs);
        assertEquals(LOCATION + techdocs, absolute);

        for (String path : List.of(
                BASE + techdocs, URI.create(absolute).getPath(), "/modelcard?key=modelregistry-public/mnist-v1")) {
            String etag = given().get(path)
                    .then()
                    .statusCode(200)
                    .contentType(startsWith("text/markdown"))
                    .body(equalTo(CARD_MD))
                    .extract()
                    .header("ETag");
            assertNotNull(etag, path);
            given().header("If-None-Match", etag).get(path).then().statusCode(304);
            given().header("If-None-Match", "W/" + etag).get(path).then().statusCode(304);
            given().header("If-None-Match", "\"other\"")
                    .get(path)
                    .then()
                    .statusCode(200)
                    .body(equalTo(CARD_MD));
        }
        given().get("/modelcard?key=nobody/nothing").then().statusCode(404);
        given().get("/modelcard").then().statusCode(400).body("error", startsWith("missing"));
    }

    @Test
    void modelCardNamesMayContainSlashes() {
        CatalogDocument granite = ExampleDocuments.byKey(docs, "granite-3.1-8b-lab-v1_1.4.0");
        String key = granite.modelCard().orElseThrow().key();
        assertEquals("redhat_ai_models/rhelai1/granite-3.1-8b-lab-v1", key);
        given().get("/modelcard/" + key)
                .then()
                .statusCode(200)
                .body(equalTo(granite.modelCard().get().markdown()));
        given().get(BASE + "/modelcard/" + key).then().statusCode(200);
    }

    @Test
    void pushesCreateUpdateAndRemoveDocuments() {
        CatalogDocument doc = rekeyed(ExampleDocuments.byKey(docs, "mnist_v1"), "pushed", "v1");
        // Pushed before it is in storage: a reconcile (every 500 ms here) cannot have loaded it first.
        push("pushed_v1", ExampleDocuments.upsert(doc, JSON), 201);
        ExampleDocuments.store(storage, doc, JSON);
        // Listed at once; were a reconcile to slip between the push and the store, the next one brings it back.
        Waits.await().untilAsserted(() -> given().get(BASE + "/list").then().body("uris", hasItem("pushed/v1")));

        CatalogDocument changed = ExampleDocuments.withServer(doc, "Now with more digits.", "production");
        ExampleDocuments.store(storage, changed, JSON);
        push("pushed_v1", ExampleDocuments.upsert(changed, JSON), 200);
        assertArrayEquals(
                JSON.render(changed), given().get(BASE + "/models/pushed/v1").asByteArray());

        // Pushed removal first, while storage still holds the document: no reconcile can have removed it before
        // (the test was flaky the other way round). A reconcile between the two steps may bring it back for a
        // moment, so the listing is awaited once storage no longer has it either.
        given().delete("/remove?key=pushed_v1").then().statusCode(200).body("result", equalTo("removed"));
        storage.remove("pushed_v1");
        Waits.await().untilAsserted(() -> {
            given().get(BASE + "/list").then().body("uris", not(hasItem("pushed/v1")));
            given().get("/list").then().body("uris", not(hasItem("/pushed/v1/model-catalog.json")));
        });
        // Listed a moment ago, so a module poll in flight may still fetch it.
        given().get(BASE + "/models/pushed/v1").then().statusCode(200);
        given().get("/pushed/v1/model-catalog.json").then().statusCode(200);
    }

    @Test
    void pushesWithBadInputAreRefusedWithAJsonError() {
        StorageWire.UpsertRequest ok = ExampleDocuments.upsert(docs.get(0), JSON);
        given().contentType(ContentType.JSON)
                .body(ok)
                .post("/upsert")
                .then()
                .statusCode(400)
                .body("error", equalTo("missing key"));
        given().contentType(ContentType.JSON)
                .body(ok)
                .post("/upsert?key=-mnist_v1")
                .then()
                .statusCode(400)
                .body("error", startsWith("not a canonical document key"));
        given().contentType(ContentType.JSON)
                .body("not json")
                .post("/upsert?key=a_b")
                .then()
                .statusCode(400);
        given().contentType(ContentType.JSON)
                .body(new StorageWire.UpsertRequest("%%%", "1", null, null))
                .post("/upsert?key=a_b")
                .then()
                .statusCode(400)
                .body("error", equalTo("document a_b: body is not base64"));
        String brokenJson = Base64.getEncoder().encodeToString("{\"models\": [".getBytes());
        given().contentType(ContentType.JSON)
                .body(new StorageWire.UpsertRequest(brokenJson, "1", null, null))
                .post("/upsert?key=a_b")
                .then()
                .statusCode(400);
        // Storage's grammar holds at location's door too (issue 11): what storage refuses, location refuses.
        String bidi = Base64.getEncoder().encodeToString("{\"name\": \"\u202e\"}".getBytes(StandardCharsets.UTF_8));
        given().contentType(ContentType.JSON)
                .body(new StorageWire.UpsertRequest(bidi, "1", null, null))
                .post("/upsert?key=a_b")
                .then()
                .statusCode(400)
                .body("error", containsString("U+202E"));
        given().contentType(ContentType.JSON)
                .body(ok)
                .post("/upsert?key=a_b_c")
                .then()
                .statusCode(400);
        given().delete("/remove").then().statusCode(400);
        given().get(BASE + "/list").then().body("uris", not(hasItem("a/b")));
    }

    /**
     * Location answers its hot requests (lists, documents, pushes) from a Vert.x route and leaves every other
     * spelling to JAX-RS ({@link LocationRoutes}): a request written so that only JAX-RS reads it (an escape, a query)
     * gets the same status, content type and bytes as its plain form.
     */
    @Test
    void everySpellingOfARequestGetsTheSameAnswer() {
        assertSameAnswer(given().get("/list"), given().get("/list?poll=1"));
        assertSameAnswer(given().get(BASE + "/list"), given().get(BASE + "/list?poll=1"));
        assertSameAnswer(
                given().get("/mnist/v1/model-catalog.json"),
                given().urlEncodingEnabled(false).get("/mni%73t/v1/model-catalog.json"));
        assertSameAnswer(
                given().get(BASE + "/models/mnist/v1"),
                given().urlEncodingEnabled(false).get(BASE + "/models/mnist/v%31"));
        // Storage already holds what is pushed, so no reconcile can change the answer between the two pushes.
        CatalogDocument doc = ExampleDocuments.byKey(docs, "mnist_v1");
        StorageWire.UpsertRequest same = ExampleDocuments.upsert(doc, JSON);
        Response plain = given().contentType(ContentType.JSON).body(same).post("/upsert?key=mnist_v1");
        Response escaped = given().urlEncodingEnabled(false)
                .contentType(ContentType.JSON)
                .body(same)
                .post("/upsert?key=mnist%5Fv1");
        assertSameAnswer(plain, escaped);
        plain.then().statusCode(200).body("key", equalTo("mnist_v1")).body("result", equalTo("unchanged"));
    }

    private static void assertSameAnswer(Response plain, Response spelledOtherwise) {
        assertEquals(plain.statusCode(), spelledOtherwise.statusCode());
        assertEquals(plain.contentType(), spelledOtherwise.contentType());
        assertArrayEquals(plain.asByteArray(), spelledOtherwise.asByteArray());
    }

    @Test
    void theReconcileHealsMissedPushes() {
        CatalogDocument doc = rekeyed(docs.get(0), "unpushed", "v1");
        ExampleDocuments.store(storage, doc, JSON);
        Waits.await().untilAsserted(() -> given().get(BASE + "/list").then().body("uris", hasItem("unpushed/v1")));
        storage.remove("unpushed_v1");
        Waits.await().untilAsserted(() -> given().get(BASE + "/list").then().body("uris", not(hasItem("unpushed/v1"))));
    }

    @Test
    void readyOnceLoaded() {
        given().get("/q/health/ready").then().statusCode(200);
    }

    private static void push(String key, StorageWire.UpsertRequest body, int status) {
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/upsert?key=" + key)
                .then()
                .statusCode(status);
    }

    private static CatalogDocument rekeyed(CatalogDocument d, String group, String name) {
        return new CatalogDocument(
                DocumentKey.of(group, name), d.sourceId(), d.kind(), d.lastUpdated(), d.catalog(), d.modelCard());
    }
}
