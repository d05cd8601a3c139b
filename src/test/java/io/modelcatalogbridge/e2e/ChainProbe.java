package io.modelcatalogbridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcatalogbridge.testing.Waits;
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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the full-chain test reads, each from where a user would see it: Backstage's catalog API (static token),
 * storage's REST API ({@code STORAGE_TOKEN}) and location's Go-era contract ({@code BRIDGE_TOKEN}).
 */
final class ChainProbe {

    private static final Pattern LAST_FULL_SYNC = Pattern.compile("last full sync (\\d+)");
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Waits.seconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String backstageUrl;
    private final String storageUrl;
    private final String storageToken;

    ChainProbe(String backstageUrl, String storageUrl, String storageToken) {
        this.backstageUrl = backstageUrl;
        this.storageUrl = storageUrl;
        this.storageToken = storageToken;
    }

    /** {@code AiModelServerAPI} entities by name. */
    Map<String, JsonNode> entities() {
        HttpResponse<String> r = get(
                backstageUrl + "/api/catalog/entities?filter=kind=AiModelServerAPI", BackstageBackend.CATALOG_TOKEN);
        assertEquals(200, r.statusCode(), r.body());
        Map<String, JsonNode> out = new TreeMap<>();
        tree(r.body()).forEach(e -> out.put(e.path("metadata").path("name").asText(), e));
        return out;
    }

    /** Storage's keys ({@code GET /list}). */
    List<String> storageKeys() {
        HttpResponse<String> r = get(storageUrl + "/list", storageToken);
        assertEquals(200, r.statusCode(), r.body());
        List<String> keys = new ArrayList<>();
        tree(r.body()).path("keys").forEach(k -> keys.add(k.asText()));
        return keys;
    }

    /** The document bytes storage holds for a key ({@code GET /fetch?key=}, base64 {@code body}). */
    byte[] storageDocument(String key) {
        HttpResponse<String> r =
                get(storageUrl + "/fetch?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8), storageToken);
        assertEquals(200, r.statusCode(), key + ": " + r.body());
        return Base64.getDecoder().decode(tree(r.body()).path("body").asText());
    }

    /** The uris of location's Go-era {@code GET /list}. */
    List<String> goEraUris(String locationUrl, String token) {
        HttpResponse<String> r = get(locationUrl + "/list", token);
        assertEquals(200, r.statusCode(), r.body());
        List<String> uris = new ArrayList<>();
        tree(r.body()).path("uris").forEach(u -> uris.add(u.asText()));
        return uris;
    }

    HttpResponse<byte[]> getBytes(String url, String token) {
        return send(request(url, token), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> get(String url, String token) {
        return send(request(url, token), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A JSON {@code POST} with a bearer token that may take up to {@code timeout} (times the wait factor) to be
     * answered: a write that storage's client retries while its backend is away.
     */
    HttpResponse<String> postJson(String url, String token, String body, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Waits.scaled(timeout))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until {@code url} answers 200; fails at once, with its log, when {@code process} exits. */
    static void awaitReady(String url, ChildProcess process) {
        ChainProbe probe = new ChainProbe(null, null, null);
        Waits.await("ready: " + url, Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .failFast(() -> {
                    if (!process.alive()) {
                        throw new AssertionError(process + " exited:\n" + process.tail(40));
                    }
                })
                .until(() -> probe.answers200(url));
    }

    /** The normalizer's readiness detail (what its last full sync did); empty while it is not up. */
    String normalizerReadiness(String normalizerUrl) {
        try {
            return tree(get(normalizerUrl + "/q/health/ready", null).body())
                    .path("checks")
                    .path(0)
                    .path("data")
                    .path("detail")
                    .asText();
        } catch (UncheckedIOException notUpYet) {
            return "";
        }
    }

    /** The number of the normalizer's last finished full sync, from its readiness detail; 0 before the first. */
    int lastFullSync(String normalizerUrl) {
        Matcher m = LAST_FULL_SYNC.matcher(normalizerReadiness(normalizerUrl));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Whether a URL answers 200 now (readiness); an I/O error counts as not yet. */
    boolean answers200(String url) {
        try {
            return http.send(request(url, null), HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest request(String url, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Waits.seconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    /** A JSON answer as a tree; not JSON fails with the body. */
    JsonNode tree(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }
}
