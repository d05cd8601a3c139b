package io.modelcatalogbridge.e2e;

import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.render.Renderer;
import io.modelcatalogbridge.serve.location.ExampleDocuments;
import io.modelcatalogbridge.storageapi.StorageHttpClient;
import io.modelcatalogbridge.storageapi.UpsertResult;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Feeds documents the way the normalizer does: through the real storage role's REST API ({@code POST
 * /upsert?key=&type=}, and {@code POST /currentkeyset} for removals). Storage persists them and forwards every
 * change to location itself — the push leg under test is storage's own code.
 */
final class LocationFeed {

    private final StorageHttpClient storage;
    private final Renderer renderer;
    private final Map<String, byte[]> current = Collections.synchronizedMap(new TreeMap<>());

    LocationFeed(StorageHttpClient storage, Renderer renderer) {
        this.storage = storage;
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
        UpsertResult r = storage.upsert(key, doc.kind().wireName(), ExampleDocuments.upsert(doc, renderer));
        if (r.stale()) {
            throw new IllegalStateException("upsert " + key + " answered " + r);
        }
        current.put(key, renderer.render(doc));
    }

    /** Removes a key the way a normalizer does: by sending the key set without it. */
    void remove(String storageKey) {
        synchronized (current) {
            current.remove(storageKey);
            storage.currentKeySet(current.keySet());
        }
    }
}
