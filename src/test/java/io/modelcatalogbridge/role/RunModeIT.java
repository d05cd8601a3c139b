package io.modelcatalogbridge.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcatalogbridge.backstage.auth.TestJwks;
import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.model.MappingSettings;
import io.modelcatalogbridge.source.kserve.KServeDeployments;
import io.modelcatalogbridge.source.snapshot.RegistrySnapshot;
import io.modelcatalogbridge.source.snapshot.SnapshotDirectory;
import io.modelcatalogbridge.sync.CatalogAssembler;
import io.modelcatalogbridge.testing.AppProcess;
import io.modelcatalogbridge.testing.Waits;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The all-in-one {@code run} as the README's first command starts it: no Kubernetes, a registry snapshot directory,
 * the File store. Everything the snapshot holds is served by location and stored by storage, each on its own port;
 * a model archived in the snapshot leaves at the next sync; SIGTERM stops it with exit code 0.
 */
class RunModeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROVIDER = "run-catalog";

    @TempDir
    Path tmp;

    private AppProcess run;

    @AfterEach
    void stop() {
        if (run != null) {
            run.kill();
        }
    }

    @Test
    void runServesTheSnapshotOnAllPortsAndFollowsChanges() throws Exception {
        Path snapshot = snapshot();
        List<String> expectedKeys = expectedKeys(snapshot);
        int storagePort = freePort();
        int normalizerPort = freePort();
        run = startRun(snapshot, storagePort, normalizerPort, Map.of());

        JsonNode current =
                JSON.readTree(run.get("/api/model-catalog-bridge/list").body());
        assertEquals(expectedKeys, strings(current.path("uris")), "location serves what export would render");
        String storageList = http("http://127.0.0.1:" + storagePort + "/list");
        for (String key : expectedKeys) {
            assertTrue(storageList.contains("\"" + key.replace('/', '_') + "\""), key + " stored: " + storageList);
            assertEquals(200, run.get("/api/model-catalog-bridge/models/" + key).statusCode(), key);
        }
        assertTrue(
                http("http://127.0.0.1:" + normalizerPort + "/q/metrics").contains("bridge_documents"),
                "normalizer metrics on the normalizer port");
        // The JVM, process and Netty meters are bound once the roles are ready (role.JvmMeters), with Quarkus's names.
        Waits.await("JVM meters on /q/metrics once ready").untilAsserted(() -> {
            String metrics = http("http://127.0.0.1:" + normalizerPort + "/q/metrics");
            for (String name : List.of(
                    "jvm_memory_used_bytes{",
                    "jvm_threads_live_threads ",
                    "jvm_classes_loaded_classes ",
                    "process_cpu_usage ",
                    "process_uptime_seconds ",
                    "system_cpu_count ",
                    "netty_allocator_memory_used{",
                    "netty_eventexecutor_tasks_pending{")) {
                assertTrue(metrics.contains(name), name + " on /q/metrics");
            }
        });
        assertEquals(404, run.get("/currentkeyset").statusCode(), "storage's API is not on location's port");
        // Issue 11: in run, a malformed % escape answered 500 and logged an ERROR, before authentication.
        for (int port : List.of(run.port, storagePort, normalizerPort)) {
            // Raw: java.net.URI refuses to send such a target.
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout((int) Waits.ceiling().toMillis());
                s.getOutputStream()
                        .write("GET /list?key=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(answer.startsWith("HTTP/1.1 400"), "port " + port + ": " + answer);
                assertTrue(answer.contains("{\"error\":"), answer);
            }
        }

        archiveRegisteredModel(snapshot, "mnist");
        Waits.await().untilAsserted(() -> {
            List<String> uris = strings(
                    JSON.readTree(run.get("/api/model-catalog-bridge/list").body())
                            .path("uris"));
            assertTrue(!uris.contains("mnist/v1"), "archived model left the catalog: " + uris);
            assertEquals(expectedKeys.size() - 1, uris.size(), uris.toString());
        });

        // The start-up lines say what run does: storage hands documents to location in process.
        String log = Files.readString(run.log);
        assertTrue(
                log.contains(
                        "storage: API open to clients in this pod only (STORAGE_TOKEN unset); changes go to location in "
                                + "process; no Backstage push"),
                log);
        assertTrue(!log.contains("pushes are refused"), log);
        assertTrue(!log.contains("ERROR"), log);

        assertEquals(0, run.terminate(Waits.ceiling()), "exit code after SIGTERM, see " + run.log);
    }

    @Test
    void withPluginTokensOnlyRunStillHandsDocumentsToLocationAndItsLogSaysSo() throws Exception {
        // Found in run with JWKS auth: the start-up log said storage's pushes were refused and documents arrived by
        // reload only, while run hands them over in process. The documents really arrive, and the log says that.
        Path snapshot = snapshot();
        List<String> expectedKeys = expectedKeys(snapshot);
        try (TestJwks jwks = TestJwks.start()) {
            EllipticCurveJsonWebKey key = TestJwks.newKey("run-key");
            jwks.publish(key);
            run = startRun(
                    snapshot,
                    freePort(),
                    freePort(),
                    Map.of("BACKSTAGE_JWKS_URL", jwks.url().toString(), "MODEL_CATALOG_PROVIDER_ID", PROVIDER));
            String token = TestJwks.pluginToken(key, PROVIDER, Duration.ofHours(1));

            assertEquals(401, run.get("/api/model-catalog-bridge/list").statusCode(), "reads need a token");
            Waits.await("every document handed to location in process").untilAsserted(() -> {
                HttpResponse<String> list = get(run.url("/api/model-catalog-bridge/list"), token);
                assertEquals(200, list.statusCode(), list.body());
                assertEquals(expectedKeys, strings(JSON.readTree(list.body()).path("uris")));
            });

            String log = Files.readString(run.log);
            assertTrue(
                    log.contains("location auth: accepting Backstage plugin tokens for audience '" + PROVIDER
                            + "'; storage hands documents over in process, so no token is needed for them"),
                    log);
            assertFalse(log.contains("refused"), log);
            assertFalse(log.contains("by reload only"), log);
        }
    }

    private Path snapshot() throws IOException {
        Path snapshot = tmp.resolve("registry");
        copyTree(Path.of("examples/registry-snapshot"), snapshot);
        return snapshot;
    }

    /** The current-contract keys export would render from the snapshot. */
    private static List<String> expectedKeys(Path snapshot) throws IOException {
        RegistrySnapshot read = SnapshotDirectory.read(snapshot);
        return CatalogAssembler.assemble(
                        List.of(read.registry()), KServeDeployments.extract(read.kserve()), MappingSettings.defaults())
                .documents()
                .stream()
                .map(CatalogDocument::key)
                .map(k -> k.currentKey())
                .toList();
    }

    /** {@code run} on free ports with the File store, no Kubernetes, and the snapshot as its registry. */
    private AppProcess startRun(Path snapshot, int storagePort, int normalizerPort, Map<String, String> extraEnv)
            throws IOException {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("STORAGE_DIR", tmp.resolve("data").toString());
        env.put("KUBECONFIG", tmp.resolve("no-kubeconfig").toString());
        env.put("HOME", tmp.toString());
        env.put("POLLING_INTERVAL", "1s");
        AppProcess started = AppProcess.start(
                "run",
                AppProcess.freePort(),
                env,
                tmp.resolve("run.log"),
                List.of(),
                "--storage-port",
                Integer.toString(storagePort),
                "--normalizer-port",
                Integer.toString(normalizerPort),
                "--registry",
                snapshot.toString());
        started.awaitReady();
        return started;
    }

    private static HttpResponse<String> get(String url, String bearer) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Waits.ceiling())
                                .header("Authorization", "Bearer " + bearer)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static void archiveRegisteredModel(Path snapshot, String name) throws IOException {
        Path file = snapshot.resolve("registered_models.json");
        ObjectNode list = (ObjectNode) JSON.readTree(file.toFile());
        list.withArray("items").forEach(rm -> {
            if (name.equals(rm.path("name").asText())) {
                ((ObjectNode) rm).put("state", "ARCHIVED");
                ((ObjectNode) rm)
                        .put(
                                "lastUpdateTimeSinceEpoch",
                                Long.toString(Long.parseLong(rm.path("lastUpdateTimeSinceEpoch")
                                                .asText("0"))
                                        + 1000));
            }
        });
        Path tmpFile = file.resolveSibling("registered_models.json.tmp");
        JSON.writeValue(tmpFile.toFile(), list);
        Files.move(tmpFile, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String http(String url) throws Exception {
        var client = HttpClient.newHttpClient();
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static int freePort() {
        return AppProcess.freePort();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
