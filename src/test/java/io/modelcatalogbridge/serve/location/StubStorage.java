package io.modelcatalogbridge.serve.location;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.modelcatalogbridge.storageapi.StorageWire;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The read side of storage's REST API ({@code GET /documents?after=&limit=}, {@code GET /list},
 * {@code GET /fetch?key=}) over an in-memory map, on
 * 127.0.0.1 and a free port: what location loads from. It answers a configurable error status while
 * {@link #failWith(int)} is set, to test start-up retries and reconcile failures.
 */
public final class StubStorage implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, StorageWire.FetchResponse> records = new ConcurrentSkipListMap<>();
    private final AtomicInteger failStatus = new AtomicInteger();
    private final AtomicInteger loadAttempts = new AtomicInteger();
    private final AtomicInteger fetchCalls = new AtomicInteger();
    private volatile boolean servePages = true;

    private StubStorage(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static StubStorage start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            ExecutorService executor = Executors.newFixedThreadPool(4);
            server.setExecutor(executor);
            StubStorage stub = new StubStorage(server, executor);
            server.createContext("/", stub::handle);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start stub storage", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Stores a record as storage would after an upsert. */
    public void put(String storageKey, byte[] document, long lastUpdate, String cardKey, String card) {
        records.put(
                storageKey,
                new StorageWire.FetchResponse(
                        Base64.getEncoder().encodeToString(document),
                        null,
                        null,
                        false,
                        "kubeflow",
                        Long.toString(lastUpdate),
                        cardKey,
                        card,
                        null));
    }

    public void remove(String storageKey) {
        records.remove(storageKey);
    }

    public void clear() {
        records.clear();
    }

    /** Answer every request with this status (0: answer normally). */
    public void failWith(int status) {
        failStatus.set(status);
    }

    /** Full reads begun: {@code GET /list} or a first page of {@code GET /documents}. */
    public int loadAttempts() {
        return loadAttempts.get();
    }

    /** {@code GET /fetch} calls answered so far. */
    public int fetchCalls() {
        return fetchCalls.get();
    }

    /** Whether {@code GET /documents} is served; without it (the Go bridge's storage) it answers 404. */
    public void servePages(boolean serve) {
        servePages = serve;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            int fail = failStatus.get();
            String path = ex.getRequestURI().getPath();
            Map<String, String> query = query(ex);
            if (path.equals("/list") || (path.equals("/documents") && servePages && !query.containsKey("after"))) {
                loadAttempts.incrementAndGet();
            }
            if (fail != 0) {
                send(ex, fail, Map.of("error", "stub storage failing on purpose"));
            } else if (path.equals("/list") && ex.getRequestMethod().equals("GET")) {
                send(ex, 200, new StorageWire.KeyList(List.copyOf(records.keySet())));
            } else if (path.equals("/documents")
                    && servePages
                    && ex.getRequestMethod().equals("GET")) {
                send(ex, 200, page(query.get("after"), Integer.parseInt(query.getOrDefault("limit", "1000"))));
            } else if (path.equals("/fetch") && ex.getRequestMethod().equals("GET")) {
                fetchCalls.incrementAndGet();
                StorageWire.FetchResponse r = records.get(query.getOrDefault("key", ""));
                send(ex, r == null ? 404 : 200, r == null ? Map.of("error", "Not Found") : r);
            } else {
                send(ex, 404, Map.of("error", "Not Found"));
            }
        }
    }

    /** Records after {@code after} in key order, at most {@code limit}, as storage's {@code GET /documents}. */
    private StorageWire.Documents page(String after, int limit) {
        NavigableMap<String, StorageWire.FetchResponse> sorted = new TreeMap<>(records);
        List<StorageWire.Document> out = new ArrayList<>();
        String next = null;
        for (Map.Entry<String, StorageWire.FetchResponse> e :
                (after == null ? sorted : sorted.tailMap(after, false)).entrySet()) {
            if (out.size() == limit) {
                next = out.get(out.size() - 1).key();
                break;
            }
            out.add(new StorageWire.Document(e.getKey(), e.getValue()));
        }
        return new StorageWire.Documents(out, next);
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> out = new HashMap<>();
        String q = ex.getRequestURI().getRawQuery();
        if (q != null) {
            for (String pair : q.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
