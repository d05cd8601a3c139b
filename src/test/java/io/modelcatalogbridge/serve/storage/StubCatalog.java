package io.modelcatalogbridge.serve.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands for Backstage's catalog API: locations (import, get, list, delete) and refresh, behind a static bearer
 * token. Records every call as {@code "<METHOD> <path> <detail>"}; {@link #forget} drops a location as a Backstage
 * admin (or a database reset) would.
 */
final class StubCatalog extends StubServer {

    static final StubCatalog INSTANCE = new StubCatalog();
    static final String TOKEN = "rhdh-static-token";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOCATIONS = "/api/catalog/locations";

    final List<String> calls = new CopyOnWriteArrayList<>();
    /** Imports answered 404 first, as a Backstage does before its catalog plugin is mounted. */
    final AtomicInteger importsBeforeMounted = new AtomicInteger();
    /** id → {type, target}. */
    final Map<String, Map<String, String>> locations = new ConcurrentHashMap<>();

    void forget(String id) {
        locations.remove(id);
    }

    String idForTarget(String target) {
        return locations.entrySet().stream()
                .filter(e -> e.getValue().get("target").equals(target))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    }

    @Override
    void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            calls.add(method + " " + path + " unauthorized");
            send(ex, 401, "{\"error\":{\"name\":\"AuthenticationError\"}}");
            return;
        }
        if ("POST".equals(method) && LOCATIONS.equals(path)) {
            JsonNode req = JSON.readTree(body(ex));
            String target = req.path("target").asText();
            calls.add("POST " + path + " " + target);
            if (importsBeforeMounted.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                send(ex, 404, "{\"error\":{\"name\":\"NotFoundError\"}}");
                return;
            }
            if (idForTarget(target) != null) {
                send(ex, 409, "{\"error\":{\"name\":\"ConflictError\"}}");
                return;
            }
            String id = UUID.randomUUID().toString();
            locations.put(id, Map.of("type", req.path("type").asText(), "target", target));
            send(ex, 201, "{\"location\":" + location(id) + ",\"entities\":[]}");
        } else if ("GET".equals(method) && LOCATIONS.equals(path)) {
            calls.add("GET " + path);
            ArrayNode all = JSON.createArrayNode();
            for (String id : locations.keySet()) {
                all.addObject().set("data", JSON.readTree(location(id)));
            }
            send(ex, 200, all.toString());
        } else if (path.startsWith(LOCATIONS + "/")) {
            String id = path.substring(LOCATIONS.length() + 1);
            calls.add(method + " " + LOCATIONS + "/" + id);
            boolean known = locations.containsKey(id);
            if ("DELETE".equals(method) && known) {
                locations.remove(id);
                send(ex, 204, null);
            } else if ("GET".equals(method) && known) {
                send(ex, 200, location(id));
            } else {
                send(ex, 404, "{\"error\":{\"name\":\"NotFoundError\"}}");
            }
        } else if ("POST".equals(method) && "/api/catalog/refresh".equals(path)) {
            calls.add("POST " + path + " "
                    + JSON.readTree(body(ex)).path("entityRef").asText());
            send(ex, 200, null);
        } else {
            send(ex, 404, "{\"error\":{\"name\":\"NotFoundError\"}}");
        }
    }

    private String location(String id) {
        ObjectNode n = JSON.createObjectNode().put("id", id);
        locations.getOrDefault(id, Map.of()).forEach(n::put);
        return n.toString();
    }
}
