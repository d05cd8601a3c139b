package io.modelcatalogbridge.serve.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcatalogbridge.testing.AppProcess;
import io.modelcatalogbridge.testing.Waits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The File backend under {@code kill -9}: a child storage process is killed while a thread upserts in a loop; after a
 * restart every acknowledged document is served byte for byte and every file on disk parses.
 */
class StorageKillIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** What the writer sent for a key: the last acknowledged body and the one in flight when the process died. */
    record Sent(String acked, String inFlight) {}

    @Test
    void everyAcknowledgedUpsertSurvivesSigkill() throws Exception {
        Path data = tmp.resolve("data");
        Map<String, String> env =
                Map.of("STORAGE_TYPE", "File", "STORAGE_DIR", data.toString(), "BRIDGE_FORWARD_ENABLED", "false");
        Map<String, Sent> sent = new ConcurrentHashMap<>();
        AtomicInteger counter = new AtomicInteger();
        String padding = "x".repeat(4000);
        for (int round = 0; round < 3; round++) {
            AppProcess p = AppProcess.start(AppProcess.freePort(), env, tmp.resolve("storage.log"));
            p.awaitReady();
            verify(p, sent, data);
            AtomicInteger acks = new AtomicInteger();
            AtomicReference<Throwable> writerEnd = new AtomicReference<>();
            Thread writer = new Thread(
                    () -> {
                        try {
                            while (true) {
                                int i = counter.incrementAndGet();
                                String key = "model" + (i % 150) + "_v1";
                                String body = Base64.getEncoder()
                                        .encodeToString(("{\"n\":" + i + ",\"p\":\"" + padding + "\"}")
                                                .getBytes(StandardCharsets.UTF_8));
                                Sent before = sent.getOrDefault(key, new Sent(null, null));
                                sent.put(key, new Sent(before.acked(), body));
                                int status = p.post(
                                                "/upsert?key=" + key,
                                                "{\"body\":\"" + body + "\",\"lastUpdateTimeSinceEpoch\":\"" + i
                                                        + "\"}")
                                        .statusCode();
                                if (status / 100 == 2) {
                                    sent.put(key, new Sent(body, null));
                                    acks.incrementAndGet();
                                }
                            }
                        } catch (Throwable e) {
                            writerEnd.set(e); // the connection dies with the process
                        }
                    },
                    "writer");
            writer.start();
            int target = 100 + round * 37;
            // The writer stops at its first failure (the process is alive here, so that is a real error): fail with
            // it at once instead of waiting for acknowledgements that cannot come.
            Waits.await("acknowledged writes", Duration.ofSeconds(120))
                    .failFast(() -> {
                        if (writerEnd.get() != null) {
                            throw new AssertionError("the writer failed before the kill", writerEnd.get());
                        }
                    })
                    .until(() -> acks.get() >= target);
            p.process.destroyForcibly();
            p.process.waitFor();
            writer.join(Waits.ceiling().toMillis());
            assertFalse(writer.isAlive());
        }
        AppProcess last = AppProcess.start(AppProcess.freePort(), env, tmp.resolve("storage.log"));
        last.awaitReady();
        try {
            verify(last, sent, data);
        } finally {
            last.process.destroyForcibly();
        }
    }

    private static void verify(AppProcess p, Map<String, Sent> sent, Path data) throws Exception {
        for (Map.Entry<String, Sent> e : sent.entrySet()) {
            Sent s = e.getValue();
            var r = p.get("/fetch?key=" + e.getKey());
            if (s.acked() == null) {
                // never acknowledged: either absent or the complete in-flight body
                assertTrue(r.statusCode() == 404
                        || JSON.readTree(r.body()).path("body").asText().equals(s.inFlight()));
                continue;
            }
            assertEquals(200, r.statusCode(), e.getKey());
            String stored = JSON.readTree(r.body()).path("body").asText();
            assertTrue(
                    stored.equals(s.acked()) || stored.equals(s.inFlight()),
                    e.getKey() + " lost its acknowledged content");
        }
        try (Stream<Path> files = Files.list(data)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                assertFalse(name.endsWith(".tmp") || name.endsWith(".corrupt"), name);
                JsonNode n = JSON.readTree(Files.readAllBytes(f));
                assertTrue(
                        n.path("key").isTextual()
                                && n.path("record").path("body").isTextual(),
                        name);
            }
        }
    }

    /**
     * {@code POST /upserts} acknowledges only what is durable: a batch answered, then {@code kill -9}, and the restarted
     * storage serves every document the answer said it stored, and none it refused.
     */
    @Test
    void anAcknowledgedBatchSurvivesSigkill() throws Exception {
        Path data = tmp.resolve("batch-data");
        Map<String, String> env =
                Map.of("STORAGE_TYPE", "File", "STORAGE_DIR", data.toString(), "BRIDGE_FORWARD_ENABLED", "false");
        AppProcess p = AppProcess.start(AppProcess.freePort(), env, tmp.resolve("batch.log"));
        p.awaitReady();
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 60; i++) {
            String body = Base64.getEncoder().encodeToString(("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
            // Every tenth key breaks the grammar (a_b_c has three segments): refused, never stored.
            String key = i % 10 == 9 ? "bad_" + i + "_x" : "model" + i + "_v1";
            batch.append(i == 0 ? "" : ",")
                    .append("{\"key\":\"")
                    .append(key)
                    .append("\",\"body\":\"")
                    .append(body)
                    .append("\",\"lastUpdateTimeSinceEpoch\":\"")
                    .append(i + 1)
                    .append("\"}");
        }
        var answer = p.post("/upserts", batch.append("]").toString());
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode a = JSON.readTree(answer.body());
        assertEquals(54, a.path("stored").asInt(), answer.body());
        assertEquals(6, a.path("refused").asInt(), answer.body());
        p.process.destroyForcibly();
        p.process.waitFor();

        AppProcess again = AppProcess.start(AppProcess.freePort(), env, tmp.resolve("batch.log"));
        again.awaitReady();
        try {
            List<String> keys = new ArrayList<>();
            JSON.readTree(again.get("/list").body()).path("keys").forEach(k -> keys.add(k.asText()));
            assertEquals(54, keys.size(), keys.toString());
            for (JsonNode r : a.path("results")) {
                var fetched = again.get("/fetch?key=" + r.path("key").asText());
                if ("created".equals(r.path("result").asText())) {
                    assertEquals(200, fetched.statusCode(), r.toString());
                } else {
                    assertEquals(400, r.path("status").asInt(), r.toString());
                    assertFalse(keys.contains(r.path("key").asText()), r.toString());
                }
            }
        } finally {
            again.process.destroyForcibly();
        }
    }

    @Test
    void unsupportedStorageTypeIsAOneLineStartupError() throws Exception {
        Path log = tmp.resolve("github.log");
        AppProcess p = AppProcess.start(
                AppProcess.freePort(),
                Map.of(
                        "STORAGE_TYPE",
                        "Github",
                        "STORAGE_DIR",
                        tmp.resolve("unused").toString()),
                log);
        assertTrue(p.process.waitFor(Waits.seconds(60).toMillis(), TimeUnit.MILLISECONDS), "still running");
        assertNotEquals(0, p.process.exitValue());
        List<String> lines = Files.readAllLines(log);
        assertTrue(
                lines.stream()
                        .anyMatch(l -> l.contains(
                                "unsupported STORAGE_TYPE 'Github'; supported values: " + "ConfigMap, File")),
                String.join("\n", lines));
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("\tat ")), "stack trace printed");
    }
}
