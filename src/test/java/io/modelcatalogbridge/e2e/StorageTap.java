package io.modelcatalogbridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.modelcatalogbridge.testing.Waits;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A relay between the normalizer and storage on 127.0.0.1 that writes down every write it carries and what storage
 * answered: so a test knows which documents storage acknowledged, and can act (kill a role) at the exact moment the
 * n-th request passes — before storage sees it, or after storage answered and before the normalizer hears it. Bytes
 * go through unchanged (method, path, query, {@code Authorization}, {@code Content-Type}, body); a storage that
 * cannot be reached is a {@code 502}, as from any proxy.
 */
final class StorageTap implements AutoCloseable {

    /** When a {@link #trigger} runs relative to the request it waits for. */
    enum Moment {
        BEFORE_STORAGE,
        AFTER_STORAGE_ANSWERED
    }

    /**
     * One write as sent. {@code keys} is the key set of a {@code /currentkeyset} (empty for an upsert); {@code status}
     * is storage's answer, 0 while none came (in flight, or storage died).
     */
    static final class Write {
        final long seq;
        final String key;
        final String body;
        final Set<String> keys;
        volatile int status;

        Write(long seq, String key, String body, Set<String> keys) {
            this.seq = seq;
            this.key = key;
            this.body = body;
            this.keys = keys;
        }

        boolean isKeySet() {
            return key == null;
        }

        boolean acknowledged() {
            return status / 100 == 2;
        }
    }

    private record Trigger(int nth, Moment moment, Runnable action) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "storage-tap");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Waits.seconds(5)).build();
    private final String storageUrl;
    private final List<Write> writes = new ArrayList<>();
    private final AtomicInteger seen = new AtomicInteger();
    private volatile Trigger trigger;

    StorageTap(String storageUrl) throws IOException {
        this.storageUrl = storageUrl;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::relay);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Runs {@code action} once, at the {@code nth} request from now (1 = the next one). */
    void trigger(int nth, Moment moment, Runnable action) {
        trigger = new Trigger(seen.get() + nth, moment, action);
    }

    /** Every write carried so far, in the order they were sent. */
    List<Write> writes() {
        synchronized (writes) {
            return List.copyOf(writes);
        }
    }

    private void relay(HttpExchange ex) throws IOException {
        try (ex) {
            int n = seen.incrementAndGet();
            Trigger t = trigger;
            boolean fire = t != null && t.nth() == n;
            if (fire) {
                trigger = null;
            }
            byte[] body = ex.getRequestBody().readAllBytes();
            List<Write> written = record(ex, body);
            if (fire && t.moment() == Moment.BEFORE_STORAGE) {
                t.action().run();
            }
            HttpResponse<byte[]> answer;
            try {
                answer = http.send(forward(ex, body), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException storageGone) {
                if (fire && t.moment() == Moment.AFTER_STORAGE_ANSWERED) {
                    t.action().run();
                }
                reply(ex, 502, "application/json", "{\"error\":\"storage unreachable\"}".getBytes());
                return;
            }
            acknowledge(ex, written, answer);
            if (fire && t.moment() == Moment.AFTER_STORAGE_ANSWERED) {
                t.action().run();
            }
            reply(
                    ex,
                    answer.statusCode(),
                    answer.headers().firstValue("Content-Type").orElse("application/json"),
                    answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpRequest forward(HttpExchange ex, byte[] body) {
        URI uri = ex.getRequestURI();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(
                        storageUrl + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                .timeout(Waits.ceiling())
                .method(
                        ex.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String h : List.of("Authorization", "Content-Type", "Accept")) {
            String v = ex.getRequestHeaders().getFirst(h);
            if (v != null) {
                b.header(h, v);
            }
        }
        return b.build();
    }

    /**
     * Notes the writes of a request: an upsert, each entry of a batch ({@code /upserts}) or a key set; reads are not
     * written down (an empty list).
     */
    private List<Write> record(HttpExchange ex, byte[] body) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        String key = param(ex.getRequestURI().getRawQuery(), "key");
        List<Write> ws = new ArrayList<>();
        if (path.endsWith("/upsert")) {
            ws.add(new Write(0, key, JSON.readTree(body).path("body").asText(), Set.of()));
        } else if (path.endsWith("/upserts")) {
            for (JsonNode entry : JSON.readTree(body)) {
                ws.add(new Write(
                        0, entry.path("key").asText(), entry.path("body").asText(), Set.of()));
            }
        } else if (path.endsWith("/currentkeyset")) {
            Set<String> keys = new LinkedHashSet<>();
            if (key != null && !key.isEmpty()) {
                keys.addAll(Arrays.asList(key.split(",")));
            }
            ws.add(new Write(0, null, null, keys));
        }
        synchronized (writes) {
            List<Write> numbered = new ArrayList<>();
            for (Write w : ws) {
                Write n = new Write(writes.size(), w.key, w.body, w.keys);
                writes.add(n);
                numbered.add(n);
            }
            return numbered;
        }
    }

    /**
     * Storage's answer to the writes of one request: its status, and for a batch ({@code /upserts}) each entry's own
     * (an entry storage refused is not acknowledged although the batch was answered 200).
     */
    private static void acknowledge(HttpExchange ex, List<Write> written, HttpResponse<byte[]> answer)
            throws IOException {
        int status = answer.statusCode();
        if (!ex.getRequestURI().getRawPath().endsWith("/upserts") || status / 100 != 2) {
            written.forEach(w -> w.status = status);
            return;
        }
        JsonNode results = JSON.readTree(answer.body()).path("results");
        for (int i = 0; i < written.size(); i++) {
            written.get(i).status = results.path(i).path("status").asInt(0);
        }
    }

    private static String param(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            if (k.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void reply(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
