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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Tells location about every accepted change, as the Go bridge's storage did (docs/configuration-storage.md): {@code POST {BRIDGE_URL}/upsert?key=} with the upsert
 * body, {@code DELETE {BRIDGE_URL}/remove?key=}. Asynchronous through a {@link CoalescingRetryQueue}: storing never
 * waits for location, a down location is retried with backoff, and only the newest state of a key is sent.
 *
 * <p>When several upserts are due at once they go as one {@code POST {BRIDGE_URL}/upserts} (a JSON array, at most
 * {@code bridge.forward.batch-size} documents and {@link #BATCH_BYTES} of bodies), answered per key; each key that
 * fails is retried on its own schedule as before. A location without that endpoint (the Go bridge's, an older one)
 * answers 404 or 405: then every upsert goes as its own {@code /upsert} again, asking again after
 * {@link #BATCH_PROBE_INTERVAL}.
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
    /** {@link System#nanoTime()} of location's last 404/405 to {@code POST /upserts}; null: send batches. */
    private volatile Long batchesRefusedAt;

    /** Most bytes of bodies and model cards in one {@code POST /upserts} (location's default batch limit is 16 MiB). */
    static final long BATCH_BYTES = 4L * 1024 * 1024;

    /** After location said it has no {@code POST /upserts}, how long before it is asked again. */
    static final Duration BATCH_PROBE_INTERVAL = Duration.ofMinutes(10);

    private static final Logger LOG = Logger.getLogger(LocationForwarder.class);

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
                this::send,
                this::sendAll,
                config.batchSize());
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

    /**
     * Several keys at once: removals one by one ({@code DELETE /remove}), upserts as {@code POST /upserts} batches of
     * at most {@link #BATCH_BYTES}, or one by one for a location without the endpoint.
     */
    private Map<String, Exception> sendAll(Map<String, Op> ops) {
        Map<String, Exception> failures = new LinkedHashMap<>();
        List<String> batch = new ArrayList<>();
        long bytes = 0;
        for (Map.Entry<String, Op> e : ops.entrySet()) {
            if (e.getValue().removal() || batchesRefused()) {
                sendOne(e.getKey(), e.getValue(), failures);
                continue;
            }
            StoredDocument d = e.getValue().doc();
            long size = d.body().length()
                    + (d.modelCard() == null ? 0 : d.modelCard().length());
            if (!batch.isEmpty() && bytes + size > BATCH_BYTES) {
                sendBatch(batch, ops, failures);
                batch.clear();
                bytes = 0;
            }
            batch.add(e.getKey());
            bytes += size;
        }
        if (!batch.isEmpty()) {
            sendBatch(batch, ops, failures);
        }
        return failures;
    }

    private boolean batchesRefused() {
        Long at = batchesRefusedAt;
        return at != null && System.nanoTime() - at < BATCH_PROBE_INTERVAL.toNanos();
    }

    private void sendOne(String key, Op op, Map<String, Exception> failures) {
        try {
            send(key, op);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.put(key, e);
        } catch (Exception e) {
            failures.put(key, e);
        }
    }

    private void sendBatch(List<String> keys, Map<String, Op> ops, Map<String, Exception> failures) {
        if (keys.size() == 1) {
            sendOne(keys.get(0), ops.get(keys.get(0)), failures);
            return;
        }
        List<StorageWire.BatchUpsert> entries = new ArrayList<>(keys.size());
        for (String key : keys) {
            entries.add(
                    StorageWire.BatchUpsert.of(key, null, request(ops.get(key).doc())));
        }
        HttpResponse<String> r;
        try {
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + "/upserts"))
                    .timeout(config.timeout())
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(entries), StandardCharsets.UTF_8))
                    .header("Content-Type", "application/json");
            authorize(req);
            r = http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            keys.forEach(k -> failures.put(k, e));
            return;
        } catch (IOException e) {
            keys.forEach(k -> failures.put(k, e));
            return;
        }
        int status = r.statusCode();
        if (status == 404 || status == 405 || status == 413) {
            if (status != 413) {
                if (batchesRefusedAt == null) {
                    LOG.infof(
                            "location at %s has no POST /upserts (answered %d): forwarding one POST /upsert per"
                                    + " document",
                            base, status);
                }
                batchesRefusedAt = System.nanoTime();
            }
            keys.forEach(k -> sendOne(k, ops.get(k), failures));
            return;
        }
        batchesRefusedAt = null;
        if (status / 100 != 2) {
            Exception failure = failure("upserts", status);
            keys.forEach(k -> failures.put(k, failure));
            return;
        }
        StorageWire.BatchAnswer answer;
        try {
            answer = json.readValue(r.body(), StorageWire.BatchAnswer.class);
        } catch (IOException e) {
            keys.forEach(k -> failures.put(k, new IOException("upserts at " + base + ": unreadable answer")));
            return;
        }
        if (answer.results().size() != keys.size()) {
            keys.forEach(k -> failures.put(
                    k,
                    new IOException("upserts at " + base + ": "
                            + answer.results().size() + " results for " + keys.size() + " documents")));
            return;
        }
        for (int i = 0; i < keys.size(); i++) {
            int s = answer.results().get(i).status();
            if (s / 100 != 2) {
                failures.put(keys.get(i), failure("upsert", s));
            }
        }
    }

    /** A non-2xx answer: a refusal retrying cannot fix is {@link CoalescingRetryQueue.Permanent}, the rest retried. */
    private Exception failure(String call, int status) {
        String what = call + " at " + base + " answered HTTP " + status;
        if (status >= 400 && status < 500 && status != 408 && status != 429 && status != 401 && status != 403) {
            return new CoalescingRetryQueue.Permanent(what);
        }
        return new IOException(what);
    }

    private static StorageWire.UpsertRequest request(StoredDocument d) {
        return new StorageWire.UpsertRequest(
                d.body(),
                d.lastUpdateTimeSinceEpoch().isEmpty() ? null : d.lastUpdateTimeSinceEpoch(),
                d.modelCardKey(),
                d.modelCard());
    }

    private void authorize(HttpRequest.Builder req) {
        config.token().filter(t -> !t.isBlank()).ifPresent(t -> req.header("Authorization", "Bearer " + t));
    }

    private void send(String key, Op op) throws IOException, InterruptedException {
        String q = "?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8);
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + (op.removal() ? "/remove" : "/upsert") + q))
                .timeout(config.timeout());
        if (op.removal()) {
            req.DELETE();
        } else {
            String body = json.writeValueAsString(request(op.doc()));
            req.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .header("Content-Type", "application/json");
        }
        authorize(req);
        int status =
                http.send(req.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 == 2 || (op.removal() && status == 404)) {
            return;
        }
        Exception failure = failure(op.removal() ? "remove" : "upsert", status);
        if (failure instanceof CoalescingRetryQueue.Permanent p) {
            throw p;
        }
        throw (IOException) failure;
    }
}
