package io.modelcatalogbridge.backstage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Backstage catalog API calls the storage role makes: import a location, read it, delete it, and ask for a
 * refresh. Bearer token = Backstage's {@code externalAccess} static token; it never appears in messages.
 */
public class BackstageCatalogClient {

    /** A catalog location as Backstage answers it. */
    public record Location(String id, String type, String target) {}

    private final Supplier<URI> base;
    private final Optional<String> token;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param base resolves the Backstage base URL at call time (it may come from a Route found later)
     */
    public BackstageCatalogClient(Supplier<URI> base, Optional<String> token, Duration timeout) {
        this.base = base;
        this.token = token.filter(t -> !t.isBlank());
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** {@code POST /api/catalog/locations}; on 409 (already registered) the existing location is looked up. */
    public Location importLocation(String type, String target) {
        String body =
                json.createObjectNode().put("type", type).put("target", target).toString();
        HttpResponse<String> r = send("POST", "/api/catalog/locations", body);
        if (r.statusCode() == 409) {
            return findByTarget(type, target)
                    .orElseThrow(() -> new BackstageException(
                            409, "Backstage says the location " + target + " exists but does not list it"));
        }
        if (r.statusCode() == 404) {
            // Found by BackstageYamlIT: a Backstage that is still starting answers 404 until the catalog plugin is
            // mounted, so this is retried (a wrong BKSTG_URL keeps failing, and says so, until the attempts end).
            throw new BackstageException(
                    404,
                    "Backstage has no catalog API at " + base.get() + " yet (HTTP 404 on /api/catalog/locations): "
                            + "still starting, or BKSTG_URL is wrong",
                    true);
        }
        expect2xx("import location " + target, r);
        JsonNode loc = parse(r).path("location");
        if (!loc.hasNonNull("id")) {
            throw new BackstageException(r.statusCode(), "Backstage answered an import without location id");
        }
        return new Location(
                loc.path("id").asText(),
                loc.path("type").asText(type),
                loc.path("target").asText(target));
    }

    /** {@code GET /api/catalog/locations/{id}}; empty when Backstage does not know the id (404). */
    public Optional<Location> getLocation(String id) {
        HttpResponse<String> r = send("GET", "/api/catalog/locations/" + enc(id), null);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        expect2xx("get location " + id, r);
        JsonNode n = parse(r);
        JsonNode loc = n.has("data") ? n.path("data") : n;
        return Optional.of(new Location(
                loc.path("id").asText(id),
                loc.path("type").asText(),
                loc.path("target").asText()));
    }

    /** {@code DELETE /api/catalog/locations/{id}}; a location Backstage no longer knows counts as deleted. */
    public void deleteLocation(String id) {
        HttpResponse<String> r = send("DELETE", "/api/catalog/locations/" + enc(id), null);
        if (r.statusCode() != 404) {
            expect2xx("delete location " + id, r);
        }
    }

    /** {@code POST /api/catalog/refresh}: asks Backstage to re-read an entity now. */
    public void refresh(String entityRef) {
        String body = json.createObjectNode().put("entityRef", entityRef).toString();
        expect2xx("refresh " + entityRef, send("POST", "/api/catalog/refresh", body));
    }

    /** Name Backstage gives the Location entity of a registered location ({@code generated-<sha1(type:target)>}). */
    public static String locationEntityRef(String type, String target) {
        try {
            byte[] d =
                    MessageDigest.getInstance("SHA-1").digest((type + ":" + target).getBytes(StandardCharsets.UTF_8));
            return "location:default/generated-" + HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<Location> findByTarget(String type, String target) {
        HttpResponse<String> r = send("GET", "/api/catalog/locations", null);
        expect2xx("list locations", r);
        for (JsonNode item : parse(r)) {
            JsonNode loc = item.has("data") ? item.path("data") : item;
            if (target.equals(loc.path("target").asText())
                    && type.equals(loc.path("type").asText(type))) {
                return Optional.of(new Location(loc.path("id").asText(), type, target));
            }
        }
        return Optional.empty();
    }

    private HttpResponse<String> send(String method, String path, String body) {
        URI b = base.get();
        String root = b.toString().endsWith("/")
                ? b.toString().substring(0, b.toString().length() - 1)
                : b.toString();
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(root + path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            req.header("Content-Type", "application/json");
        }
        token.ifPresent(t -> req.header("Authorization", "Bearer " + t));
        try {
            return http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BackstageException(
                    0,
                    method + " " + root + path + " failed: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackstageException(0, method + " " + root + path + " interrupted");
        }
    }

    private static void expect2xx(String what, HttpResponse<String> r) {
        if (r.statusCode() / 100 != 2) {
            String body = r.body() == null ? "" : r.body().strip();
            throw new BackstageException(
                    r.statusCode(),
                    "Backstage refused to " + what + ": HTTP " + r.statusCode()
                            + (body.isEmpty()
                                    ? ""
                                    : " " + (body.length() > 200 ? body.substring(0, 200) + "…" : body)));
        }
    }

    private JsonNode parse(HttpResponse<String> r) {
        try {
            return json.readTree(r.body() == null || r.body().isBlank() ? "{}" : r.body());
        } catch (IOException e) {
            throw new BackstageException(r.statusCode(), "Backstage answered unreadable JSON");
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
