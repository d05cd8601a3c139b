package io.modelcatalogbridge.serve.storage;

import com.sun.net.httpserver.HttpExchange;
import io.modelcatalogbridge.testing.Waits;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stands for the location role of the Go bridge (no batch endpoint: {@code POST /upserts} is a 404, recorded in
 * {@link #calls} as {@code "404 POST /upserts"}): records what storage forwards ({@code POST /upsert},
 * {@code DELETE /remove}).
 */
final class StubLocation extends StubServer {

    static final StubLocation INSTANCE = new StubLocation();

    /** Every call in order: {@code "POST <key>"} or {@code "DELETE <key>"}. */
    final List<String> calls = new CopyOnWriteArrayList<>();
    /** Last upsert body per key (removed on DELETE). */
    final Map<String, String> documents = new ConcurrentHashMap<>();
    /** When set, every push waits for it to open before it is answered (a test holds the forwarder busy). */
    volatile CountDownLatch gate;

    @Override
    void handle(HttpExchange ex) throws IOException {
        String key = query(ex).get("key");
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        if ("POST".equals(method) && "/upsert".equals(path)) {
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await(Waits.ceiling().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            documents.put(key, body(ex));
            calls.add("POST " + key);
            send(ex, 201, null);
        } else if ("DELETE".equals(method) && "/remove".equals(path)) {
            documents.remove(key);
            calls.add("DELETE " + key);
            send(ex, 200, null);
        } else {
            calls.add("404 " + method + " " + path);
            send(ex, 404, "{\"error\":\"Not Found\"}");
        }
    }
}
