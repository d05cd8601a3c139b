package io.modelcatalogbridge.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.model.DocumentKey;
import io.modelcatalogbridge.model.Model;
import io.modelcatalogbridge.model.ModelCatalog;
import io.modelcatalogbridge.model.SourceKind;
import io.modelcatalogbridge.render.JsonArrayFormat;
import io.modelcatalogbridge.storageapi.StorageHttpClient;
import io.modelcatalogbridge.testing.CatalogBuilders;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The normalizer against a storage without {@code POST /upserts} (the Go bridge's, or this bridge's before batches):
 * it answers the batch with 404, and the normalizer sends one {@code POST /upsert} per document instead, over real
 * HTTP, and still converges: everything lands, a second sync sends nothing, a document storage lost is sent again.
 */
class OlderStorageFallbackTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Go-bridge-shaped storage: {@code /upsert}, {@code /list}, {@code /currentkeyset}; everything else 404. */
    private final Map<String, String> stored = new ConcurrentHashMap<>();

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private String start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            try (ex) {
                handle(ex);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String call = ex.getRequestMethod() + " " + path;
        calls.add(call);
        byte[] body = ex.getRequestBody().readAllBytes();
        switch (call) {
            case "POST /upsert" -> {
                JsonNode request = JSON.readTree(body);
                stored.put(query(ex, "key"), request.path("body").asText());
                send(ex, 201, "");
            }
            case "GET /list" -> send(ex, 200, JSON.writeValueAsString(Map.of("keys", new TreeMap<>(stored).keySet())));
            case "POST /currentkeyset" -> send(ex, 200, "");
            default -> send(ex, 404, "404 page not found");
        }
    }

    private static String query(HttpExchange ex, String name) {
        for (String pair : ex.getRequestURI().getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static List<CatalogDocument> documents(int n) {
        List<CatalogDocument> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Model m = CatalogBuilders.model("m" + i + "-v1", "owner", "development", "d")
                    .tags(List.of())
                    .build();
            docs.add(new CatalogDocument(
                    DocumentKey.of("m" + i, "v1"),
                    "reg",
                    SourceKind.KUBEFLOW,
                    10,
                    new ModelCatalog(null, List.of(m)),
                    Optional.empty()));
        }
        return docs;
    }

    private long count(String call) {
        return calls.stream().filter(call::equals).count();
    }

    @Test
    void batchesFallBackToOneUpsertPerDocumentAndStillConverge() throws IOException {
        StorageSink sink =
                new StorageSink(new StorageHttpClient(URI.create(start()), Duration.ofSeconds(30), Optional::empty));
        Publisher publisher = new Publisher(
                sink, new JsonArrayFormat(), 2, 10, PublisherReconcileTest.TIMES, RemovalGuard.Settings.defaults());
        List<CatalogDocument> docs = documents(25);

        Publisher.Outcome first = publisher.publish(docs, PublishOptions.full(true));

        assertEquals(25, first.upserted(), first.errors().toString());
        assertEquals(0, first.failed());
        assertEquals(25, stored.size());
        assertEquals(25, count("POST /upsert"));
        // Both batches in flight may have asked before the first 404 was known; after that, nobody asks again.
        assertTrue(count("POST /upserts") >= 1 && count("POST /upserts") <= 2, calls.toString());

        Publisher.Outcome second = publisher.publish(docs, PublishOptions.full(true));
        assertEquals(0, second.upserted());
        assertEquals(25, second.unchanged());

        List<String> lost = List.of("m7_v1", "m8_v1", "m9_v1", "m10_v1");
        lost.forEach(stored::remove);
        calls.clear();
        Publisher.Outcome third = publisher.publish(docs, PublishOptions.full(true));
        assertEquals(4, third.upserted(), "the documents storage lost are sent again");
        assertTrue(stored.keySet().containsAll(lost));
        assertEquals(4, count("POST /upsert"));
        assertEquals(0, count("POST /upserts"), "storage's answer is remembered: " + calls);
    }
}
