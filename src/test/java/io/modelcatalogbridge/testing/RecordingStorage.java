package io.modelcatalogbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Go bridge's storage REST contract on {@code 127.0.0.1}, in memory, recording every call: {@code POST /upsert}
 * (base64 body, stale upserts refused), {@code POST /currentkeyset}, {@code GET /list}, {@code GET /fetch}. Stands in
 * for the storage role while it is built in parallel; the shapes are those of {@code StorageWire}.
 */
public final class RecordingStorage implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One call as received. */
    public record Call(String method, String path, Map<String, String> query, long atNanos) {}

    /** A stored document. {@code body} is the decoded document JSON/YAML text. */
    public record Stored(String type, String body, long lastUpdated, String modelCardKey, String modelCard) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** {@code modelServer.API.url}, empty text when the document has no model server. */
        public String serverUrl() {
            return json().path("modelServer").path("API").path("url").asText();
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final Map<String, Stored> docs = new TreeMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> staleRefused = new CopyOnWriteArrayList<>();
    /** While set, every call is answered 503 (a storage still starting, or one behind a proxy whose backend is down). */
    private volatile boolean unavailable;

    private RecordingStorage() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static RecordingStorage start() {
        try {
            return new RecordingStorage();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized Map<String, Stored> documents() {
        return new TreeMap<>(docs);
    }

    public synchronized Optional<Stored> document(String key) {
        return Optional.ofNullable(docs.get(key));
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public long count(String path) {
        return calls.stream().filter(c -> c.path().equals(path)).count();
    }

    /** Upserts refused because they were older than the stored document (a bug in the caller). */
    public List<String> staleRefused() {
        return List.copyOf(staleRefused);
    }

    /** Answers every call with 503 from now on ({@code true}) or serves again ({@code false}); calls are recorded. */
    public void unavailable(boolean on) {
        unavailable = on;
    }

    public void resetCalls() {
        calls.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            String path = ex.getRequestURI().getPath();
            calls.add(new Call(ex.getRequestMethod(), path, q, System.nanoTime()));
            String method = ex.getRequestMethod();
            if (unavailable) {
                send(ex, 503, "{\"error\":\"storage is not available\"}");
            } else if ("POST".equals(method) && "/upsert".equals(path)) {
                upsert(ex, q);
            } else if ("POST".equals(method) && "/currentkeyset".equals(path)) {
                List<String> keys = q.getOrDefault("key", "").isEmpty()
                        ? List.of()
                        : Arrays.asList(q.get("key").split(","));
                synchronized (this) {
                    docs.keySet().retainAll(keys);
                }
                send(ex, 200, "{}");
            } else if ("GET".equals(method) && "/list".equals(path)) {
                ObjectNode out = JSON.createObjectNode();
                synchronized (this) {
                    docs.keySet().forEach(out.putArray("keys")::add);
                    if (docs.isEmpty()) {
                        out.putArray("keys");
                    }
                }
                send(ex, 200, out.toString());
            } else if ("GET".equals(method) && "/fetch".equals(path)) {
                Stored s = document(q.getOrDefault("key", "")).orElse(null);
                if (s == null) {
                    send(ex, 404, "{\"error\":\"not found\"}");
                } else {
                    ObjectNode out = JSON.createObjectNode()
                            .put(
                                    "body",
                                    Base64.getEncoder().encodeToString(s.body().getBytes(StandardCharsets.UTF_8)))
                            .put("reconcilerType", s.type())
                            .put("lastUpdateTimeSinceEpoch", Long.toString(s.lastUpdated()))
                            .put("locationIDValid", false);
                    send(ex, 200, out.toString());
                }
            } else {
                send(ex, 404, "{\"error\":\"not found\"}");
            }
        }
    }

    private void upsert(HttpExchange ex, Map<String, String> q) throws IOException {
        String key = q.get("key");
        if (key == null || key.isEmpty() || !key.contains("_")) {
            send(ex, 400, "{\"error\":\"missing or invalid key\"}");
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(ex.getRequestBody().readAllBytes());
        } catch (IOException e) {
            send(ex, 400, "{\"error\":\"bad JSON\"}");
            return;
        }
        String doc = new String(Base64.getDecoder().decode(body.path("body").asText()), StandardCharsets.UTF_8);
        long stamp = Long.parseLong(body.path("lastUpdateTimeSinceEpoch").asText("0"));
        synchronized (this) {
            Stored old = docs.get(key);
            if (old != null && stamp < old.lastUpdated()) {
                staleRefused.add(key);
                send(ex, 200, "{}");
                return;
            }
            docs.put(
                    key,
                    new Stored(
                            q.get("type"),
                            doc,
                            stamp,
                            body.path("modelCardKey").asText(null),
                            body.path("modelCard").asText(null)));
            send(ex, old == null ? 201 : 200, "{}");
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    /** Keys currently stored. */
    public synchronized List<String> keys() {
        return new ArrayList<>(docs.keySet());
    }
}
