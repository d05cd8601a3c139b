package io.modelcatalogbridge.serve.storage;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands for the location role: records what storage forwards ({@code POST /upsert}, {@code DELETE /remove}). */
final class StubLocation extends StubServer {

    static final StubLocation INSTANCE = new StubLocation();

    /** Every call in order: {@code "POST <key>"} or {@code "DELETE <key>"}. */
    final List<String> calls = new CopyOnWriteArrayList<>();
    /** Last upsert body per key (removed on DELETE). */
    final Map<String, String> documents = new ConcurrentHashMap<>();

    @Override
    void handle(HttpExchange ex) throws IOException {
        String key = query(ex).get("key");
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        if ("POST".equals(method) && "/upsert".equals(path)) {
            documents.put(key, body(ex));
            calls.add("POST " + key);
            send(ex, 201, null);
        } else if ("DELETE".equals(method) && "/remove".equals(path)) {
            documents.remove(key);
            calls.add("DELETE " + key);
            send(ex, 200, null);
        } else {
            send(ex, 404, "{\"error\":\"Not Found\"}");
        }
    }
}
