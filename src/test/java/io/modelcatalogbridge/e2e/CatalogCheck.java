package io.modelcatalogbridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What Backstage's own catalog API says about a set of entities: which exist, which carry processing errors in
 * {@code status.items}, and which relations among Components, APIs and Resources point at nothing. An entity a
 * real Backstage refuses never appears in the entity list (a stitching error) or appears with an error status (a
 * processing error), so both are read.
 */
public final class CatalogCheck {

    /** Entity kinds the bridge's YAML writes; relations among them must resolve. */
    static final Set<String> BRIDGE_KINDS = Set.of("component", "api", "resource");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String backstageUrl;

    public CatalogCheck(String backstageUrl) {
        this.backstageUrl = backstageUrl;
    }

    /** {@code kind:namespace/name}, lower-cased, as Backstage compares references. */
    static String ref(JsonNode entity) {
        return (entity.path("kind").asText() + ":"
                        + entity.path("metadata").path("namespace").asText("default") + "/"
                        + entity.path("metadata").path("name").asText())
                .toLowerCase(Locale.ROOT);
    }

    /** The entities of a multi-document YAML file. */
    static List<JsonNode> yamlEntities(byte[] yaml) {
        List<JsonNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> it =
                new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            it.forEachRemaining(n -> {
                if (n != null && n.isObject()) {
                    out.add(n);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Every entity of the given kinds, by reference. */
    public Map<String, JsonNode> entities(String... kinds) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (String kind : kinds) {
            for (JsonNode e : get("/api/catalog/entities?filter=kind=" + kind)) {
                out.put(ref(e), e);
            }
        }
        return out;
    }

    /** The registered locations ({@code GET /api/catalog/locations}): target → id. */
    Map<String, String> locations() {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode l : get("/api/catalog/locations")) {
            JsonNode data = l.has("data") ? l.get("data") : l;
            out.put(data.path("target").asText(), data.path("id").asText());
        }
        return out;
    }

    /** {@code ref: message} of every error Backstage attached to these entities while processing them. */
    static List<String> processingErrors(Iterable<JsonNode> entities) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : entities) {
            for (JsonNode item : e.path("status").path("items")) {
                if ("error".equals(item.path("level").asText())) {
                    out.add(ref(e) + ": " + item.path("message").asText());
                }
            }
        }
        return out;
    }

    /** Relations from these entities to a Component, API or Resource the catalog does not have. */
    static Set<String> danglingRelations(Map<String, JsonNode> catalog, Iterable<JsonNode> entities) {
        Set<String> out = new TreeSet<>();
        for (JsonNode e : entities) {
            for (JsonNode r : e.path("relations")) {
                String target = r.path("targetRef").asText();
                String kind = target.substring(0, target.indexOf(':'));
                if (BRIDGE_KINDS.contains(kind) && !catalog.containsKey(target)) {
                    out.add(ref(e) + " " + r.path("type").asText() + " " + target);
                }
            }
        }
        return out;
    }

    /** {@code POST /api/catalog/locations?dryRun=true}: Backstage reads and processes a target without keeping it. */
    HttpResponse<String> dryRun(String type, String target) {
        String body = "{\"type\":\"" + type + "\",\"target\":\"" + target + "\"}";
        return send(HttpRequest.newBuilder(URI.create(backstageUrl + "/api/catalog/locations?dryRun=true"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + BackstageBackend.CATALOG_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    public HttpResponse<String> fetch(String url) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .build());
    }

    private JsonNode get(String pathAndQuery) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(backstageUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + BackstageBackend.CATALOG_TOKEN)
                .build());
        assertEquals(200, r.statusCode(), pathAndQuery + ": " + r.body());
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
