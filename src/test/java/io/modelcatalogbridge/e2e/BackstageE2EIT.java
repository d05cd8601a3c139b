package io.modelcatalogbridge.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.model.DocumentKey;
import io.modelcatalogbridge.render.JsonArrayFormat;
import io.modelcatalogbridge.serve.location.ExampleDocuments;
import io.modelcatalogbridge.serve.location.contract.v1.V1ContractResource;
import io.modelcatalogbridge.storageapi.StorageHttpClient;
import io.modelcatalogbridge.testing.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The location role of the packaged application against a real Backstage backend running RHDH's model-catalog
 * module 1.1.0 (installed from npm with the committed lockfile): documents made by the real pipeline go in, and
 * Backstage's catalog API shows the entities the module made of them. Location runs with authentication on: the
 * module's plugin token must be accepted, a request without a token refused.
 *
 * <p>Logs: {@code target/e2e-storage.log}, {@code target/e2e-location.log}, {@code target/e2e-backstage.log}, {@code target/e2e-npm-ci.log}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackstageE2EIT {

    static final String PROVIDER_ID = "model-catalog-bridge-e2e";
    static final String BRIDGE_TOKEN = "e2e-bridge-static-token";
    static final String STORAGE_TOKEN = "e2e-storage-token";
    static final String CARD = "# mnist\n\nHand-written digit classifier (ONNX), served by OpenVINO.\n";
    static final Duration MODULE_TICKS = Duration.ofSeconds(60);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Waits.seconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final JsonArrayFormat renderer = new JsonArrayFormat();
    private final List<AutoCloseable> started = new ArrayList<>();

    private ChildProcess storage;
    private ChildProcess location;
    private BackstageBackend backstage;
    private String locationUrl;
    private LocationFeed feed;

    @BeforeAll
    void startEverything() {
        BackstageBackend.ensureInstalled();
        int locationPort = ChildProcess.freePort();
        locationUrl = "http://127.0.0.1:" + locationPort;
        String appJar = System.getProperty("app.jar");
        assertTrue(appJar != null && Path.of(appJar).toFile().isFile(), "packaged application not found: " + appJar);

        // The real storage role (File backend) forwards every change to location with location's static token.
        int storagePort = ChildProcess.freePort();
        String storageUrl = "http://127.0.0.1:" + storagePort;
        Map<String, String> storageEnv = new HashMap<>();
        storageEnv.put("STORAGE_TYPE", "File");
        storageEnv.put(
                "STORAGE_DIR", Path.of("target", "e2e-storage-" + storagePort).toString());
        storageEnv.put("BRIDGE_URL", locationUrl);
        storageEnv.put("BRIDGE_TOKEN", BRIDGE_TOKEN);
        storageEnv.put("STORAGE_TOKEN", STORAGE_TOKEN);
        storageEnv.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        storage = ChildProcess.start(
                "storage",
                List.of(javaBin(), "-jar", appJar, "storage", "--port", Integer.toString(storagePort)),
                storageEnv,
                Path.of("."));
        started.add(storage);

        backstage = BackstageBackend.start(PROVIDER_ID, locationUrl + V1ContractResource.BASE_PATH);
        started.add(backstage);

        Map<String, String> env = new HashMap<>();
        env.put("STORAGE_URL", storageUrl);
        env.put("STORAGE_TOKEN", STORAGE_TOKEN);
        env.put("BACKSTAGE_JWKS_URL", backstage.jwksUrl());
        env.put("MODEL_CATALOG_PROVIDER_ID", PROVIDER_ID);
        env.put("BRIDGE_TOKEN", BRIDGE_TOKEN);
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        location = ChildProcess.start(
                "location",
                List.of(javaBin(), "-jar", appJar, "location", "--port", Integer.toString(locationPort)),
                env,
                Path.of("."));
        started.add(location);

        Waits.await("location ready", Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .failFast("location exited:\n" + location.tail(40), () -> !location.alive())
                .until(() -> status(get(locationUrl + "/q/health/ready", null)) == 200);
        Waits.await("backstage ready", Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .failFast(
                        "backstage exited:\n" + backstage.process().tail(40),
                        () -> !backstage.process().alive())
                .until(() -> backstage.ready(http));
        feed = new LocationFeed(
                new StorageHttpClient(URI.create(storageUrl), Waits.seconds(10), () -> Optional.of(STORAGE_TOKEN)),
                renderer);
    }

    @AfterAll
    void stopEverything() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // keep stopping the others
            }
        }
    }

    @Test
    void backstageShowsModelServersFromTheCurrentContract() throws IOException {
        List<CatalogDocument> docs = new ArrayList<>(ExampleDocuments.assemble(locationUrl));
        docs.replaceAll(
                d -> d.key().storageKey().equals("mnist_v1") ? ExampleDocuments.withCard(d, CARD, locationUrl) : d);
        docs.forEach(feed::upsert);
        Set<String> servers = docs.stream()
                .filter(d -> d.catalog().modelServer() != null)
                .map(d -> d.catalog().modelServer().name())
                .collect(Collectors.toSet());
        assertEquals(
                Set.of("ai-models-mnist-v1", "risk-team-fraud-scorer"),
                servers,
                "the example snapshot has two served documents and three model-only ones");

        // Only documents with a model server become entities.
        Waits.await("entities", MODULE_TICKS).untilAsserted(() -> assertEquals(servers, entityNames()));

        JsonNode mnist = entity("ai-models-mnist-v1");
        JsonNode spec = mnist.path("spec");
        assertEquals(
                "https://mnist-v1-ai-models.apps.cluster.example.com",
                spec.path("serverUrl").asText());
        assertEquals("openapi", spec.path("serverType").asText());
        assertEquals("user:kube-admin", spec.path("owner").asText());
        assertEquals("development", spec.path("lifecycle").asText());
        assertTrue(spec.path("requiresApiKey").asBoolean());
        assertEquals("[\"mnist-v1\"]", spec.path("models").path("available").toString());
        assertEquals("mnist-v1", spec.path("models").path("default").asText());
        String techdocsRef = mnist.path("metadata")
                .path("annotations")
                .path("backstage.io/techdocs-ref")
                .asText();
        assertEquals(
                "url:" + locationUrl + V1ContractResource.BASE_PATH + "/modelcard/modelregistry-public/mnist-v1",
                techdocsRef);
        HttpResponse<String> card = get(techdocsRef.substring("url:".length()), null);
        assertEquals(200, card.statusCode());
        assertTrue(card.headers().firstValue("Content-Type").orElse("").startsWith("text/markdown"));
        assertEquals(CARD, card.body());

        CatalogDocument mnistDoc = ExampleDocuments.byKey(docs, "mnist_v1");
        feed.upsert(
                ExampleDocuments.withServer(mnistDoc, "Now serving the v1 digits model in production.", "production"));
        Waits.await("updated entity", MODULE_TICKS).untilAsserted(() -> {
            JsonNode e = entity("ai-models-mnist-v1");
            assertEquals("production", e.path("spec").path("lifecycle").asText());
            assertEquals(
                    "Now serving the v1 digits model in production.",
                    e.path("metadata").path("description").asText());
        });

        feed.remove("risk-team_fraud-scorer");
        Waits.await("removed entity", MODULE_TICKS)
                .untilAsserted(() -> assertEquals(Set.of("ai-models-mnist-v1"), entityNames()));

        // Location ran with authentication: the module's plugin token was accepted, a bare request is refused.
        assertTrue(
                location.output().contains("accepted the first Backstage plugin token (sub catalog)"),
                "location log shows the accepted plugin token");
        assertEquals(401, status(get(locationUrl + V1ContractResource.BASE_PATH + "/list", null)));
        assertEquals(401, status(get(locationUrl + V1ContractResource.BASE_PATH + "/models/mnist/v1", null)));
    }

    @Test
    void goEraModuleCallsReturnTheStoredDocuments() throws Exception {
        CatalogDocument doc = ExampleDocuments.byKey(ExampleDocuments.assemble(locationUrl), "credit-risk_v2");
        feed.upsert(doc);

        // What modules 0.2–0.9 did: GET {baseUrl}/list, then GET {baseUrl}{uri} for each uri.
        HttpResponse<String> list = get(locationUrl + "/list", BRIDGE_TOKEN);
        assertEquals(200, list.statusCode());
        List<String> uris = new ArrayList<>();
        json.readTree(list.body()).path("uris").forEach(u -> uris.add(u.asText()));
        Map<String, byte[]> served = new TreeMap<>();
        for (String uri : uris) {
            HttpResponse<byte[]> r =
                    http.send(request(locationUrl + uri, BRIDGE_TOKEN), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode(), uri);
            assertEquals(
                    "application/json", r.headers().firstValue("Content-Type").orElse(""), uri);
            served.put(uri, r.body());
        }
        Map<String, byte[]> expected = new TreeMap<>();
        feed.current()
                .forEach((key, bytes) ->
                        expected.put(DocumentKey.parse(key).goEraUri(JsonArrayFormat.FILE_NAME), bytes));
        assertEquals(expected.keySet(), served.keySet());
        expected.forEach((uri, bytes) -> assertArrayEquals(bytes, served.get(uri), uri));
        assertTrue(served.containsKey("/credit-risk/v2/model-catalog.json"));

        assertEquals(401, status(get(locationUrl + "/list", null)), "a token is required once auth is configured");
    }

    private Set<String> entityNames() throws IOException {
        Set<String> names = new TreeSet<>();
        entities().forEach(e -> names.add(e.path("metadata").path("name").asText()));
        return names;
    }

    private JsonNode entity(String name) throws IOException {
        for (JsonNode e : entities()) {
            if (e.path("metadata").path("name").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no AiModelServerAPI entity " + name);
    }

    private JsonNode entities() throws IOException {
        HttpResponse<String> r = get(
                backstage.url() + "/api/catalog/entities?filter=kind=AiModelServerAPI", BackstageBackend.CATALOG_TOKEN);
        assertEquals(200, r.statusCode(), r.body());
        return json.readTree(r.body());
    }

    private HttpResponse<String> get(String url, String token) {
        try {
            return http.send(request(url, token), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest request(String url, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Waits.seconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    private static int status(HttpResponse<?> r) {
        return r.statusCode();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
