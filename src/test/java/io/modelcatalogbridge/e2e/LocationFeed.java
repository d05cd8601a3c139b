package io.modelcatalogbridge.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.render.Renderer;
import io.modelcatalogbridge.serve.location.ExampleDocuments;
import io.modelcatalogbridge.serve.location.StubStorage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Feeds documents to location the way storage does: the record goes into (stub) storage, then storage's push
 * ({@code POST /upsert?key=}, {@code DELETE /remove?key=}, static bearer token) reaches location.
 *
 * <p>TODO(storage leg): once the storage role exists, replace this with calls to storage's REST API
 * ({@code POST /upsert?key=&type=kubeflow} on a {@code STORAGE_TYPE=File} storage started with {@code BRIDGE_URL}
 * pointing at location), so the push leg is storage's own code.
 */
final class LocationFeed {

    private final StubStorage storage;
    private final String locationUrl;
    private final String token;
    private final HttpClient http;
    private final Renderer renderer;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, byte[]> current = Collections.synchronizedMap(new TreeMap<>());

    LocationFeed(StubStorage storage, String locationUrl, String token, HttpClient http, Renderer renderer) {
        this.storage = storage;
        this.locationUrl = locationUrl;
        this.token = token;
        this.http = http;
        this.renderer = renderer;
    }

    /** Storage keys and rendered bytes of every document fed and not removed. */
    Map<String, byte[]> current() {
        synchronized (current) {
            return new TreeMap<>(current);
        }
    }

    void upsert(CatalogDocument doc) {
        String key = doc.key().storageKey();
        ExampleDocuments.store(storage, doc, renderer);
        current.put(key, renderer.render(doc));
        try {
            byte[] body = json.writeValueAsBytes(ExampleDocuments.upsert(doc, renderer));
            send(HttpRequest.newBuilder(URI.create(locationUrl + "/upsert?key=" + key))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)), "upsert " + key);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void remove(String storageKey) {
        storage.remove(storageKey);
        current.remove(storageKey);
        send(HttpRequest.newBuilder(URI.create(locationUrl + "/remove?key=" + storageKey)).DELETE(),
                "remove " + storageKey);
    }

    private void send(HttpRequest.Builder request, String what) {
        try {
            HttpResponse<String> r = http.send(request.header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(what + " answered " + r.statusCode() + ": " + r.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted");
        }
    }
}
