package io.modelcatalogbridge.serve.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcatalogbridge.storageapi.PeerHttp;
import io.modelcatalogbridge.storageapi.StorageWire;
import io.modelcatalogbridge.store.StoredDocument;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Tells location about every accepted change, as the Go bridge's storage did (docs/configuration-storage.md): {@code POST {BRIDGE_URL}/upsert?key=} with the upsert
 * body, {@code DELETE {BRIDGE_URL}/remove?key=}. Asynchronous through a {@link CoalescingRetryQueue}: storing never
 * waits for location, a down location is retried with backoff, and only the newest state of a key is sent.
 */
final class LocationForwarder implements DocumentListener {

    /** What location must learn about a key: its newest record, or that it is gone. */
    record Op(StoredDocument doc) {
        boolean removal() {
            return doc == null;
        }
    }

    private final ForwardConfig config;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final CoalescingRetryQueue<Op> queue;
    private final String base;

    LocationForwarder(ForwardConfig config) {
        this.config = config;
        this.base = config.url().endsWith("/")
                ? config.url().substring(0, config.url().length() - 1)
                : config.url();
        this.http = PeerHttp.client(base, config.timeout());
        this.queue = new CoalescingRetryQueue<>(
                new CoalescingRetryQueue.Settings(
                        "forward-to-location",
                        config.queueCapacity(),
                        config.maxAttempts(),
                        config.initialBackoff(),
                        config.maxBackoff()),
                (older, newer) -> newer,
                this::send);
        queue.start();
    }

    @Override
    public void changed(String key, StoredDocument doc, boolean contentChanged) {
        if (contentChanged) {
            queue.submit(key, new Op(doc));
        }
    }

    @Override
    public void removed(String key, StoredDocument removed) {
        queue.submit(key, new Op(null));
    }

    @Override
    public void stop() {
        queue.stop();
    }

    private void send(String key, Op op) throws IOException, InterruptedException {
        String q = "?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8);
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + (op.removal() ? "/remove" : "/upsert") + q))
                .timeout(config.timeout());
        if (op.removal()) {
            req.DELETE();
        } else {
            StoredDocument d = op.doc();
            String body = json.writeValueAsString(new StorageWire.UpsertRequest(
                    d.body(),
                    d.lastUpdateTimeSinceEpoch().isEmpty() ? null : d.lastUpdateTimeSinceEpoch(),
                    d.modelCardKey(),
                    d.modelCard()));
            req.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .header("Content-Type", "application/json");
        }
        config.token().filter(t -> !t.isBlank()).ifPresent(t -> req.header("Authorization", "Bearer " + t));
        int status =
                http.send(req.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 == 2 || (op.removal() && status == 404)) {
            return;
        }
        String what = (op.removal() ? "remove" : "upsert") + " at " + base + " answered HTTP " + status;
        if (status >= 400 && status < 500 && status != 408 && status != 429 && status != 401 && status != 403) {
            throw new CoalescingRetryQueue.Permanent(what);
        }
        throw new IOException(what);
    }
}
