package io.modelcatalogbridge.storageapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcatalogbridge.model.EpochMillis;
import io.modelcatalogbridge.model.LogSafe;
import io.modelcatalogbridge.net.JsonConnections;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Client of the storage role's REST API (the Go bridge's contract), as the normalizer and location use it. The JDK's
 * {@link HttpURLConnection}: no Quarkus, so it is also usable from one-shot commands and tests. Errors are
 * {@link StorageException}s with one line naming the call and status; the bearer token never appears in them. A call
 * whose connection breaks (reset, closed unanswered) is sent again, up to {@value #TRANSPORT_ATTEMPTS} attempts (and
 * {@link HttpURLConnection} itself sends an unanswered request once more before it reports it): every call of the API
 * is idempotent.
 *
 * <p>Why {@link HttpURLConnection} and not the JDK {@code HttpClient} ({@link PeerHttp}, which storage's forwarder
 * still uses): location's first load and the normalizer's first sync each start with a call to storage, and a fresh
 * JVM's first request took 91 ms and 120 ms of CPU with the {@code HttpClient} (its selector thread, executor and
 * async machinery), 15 ms and 10 ms with this, whose classes are also 1.7 MiB less of the role's class-data archive
 * (docs/benchmarks.md, "a role's first request to a peer"). Both speak HTTP/1.1, keep connections alive, follow no
 * redirects and use no proxy; an {@code https://} storage is verified against the JDK's trust roots with host names
 * checked, as before, and an {@code http://} one loads no TLS classes at all.
 */
public class StorageHttpClient implements StorageApi {

    private static final Logger LOG = Logger.getLogger(StorageHttpClient.class);
    private static final ObjectMapper ANSWERS = new ObjectMapper();
    /** After a storage answered that it has no {@code POST /upserts}, how long before it is asked again. */
    static final Duration BATCH_PROBE_INTERVAL = Duration.ofMinutes(10);
    /** Attempts of one call when the connection fails (not when storage answers, nor on a timeout). */
    static final int TRANSPORT_ATTEMPTS = 3;

    private static final Duration TRANSPORT_BACKOFF = Duration.ofMillis(200);

    private final URI base;
    private final ObjectMapper json;
    private final Duration timeout;
    private final Supplier<Optional<String>> token;
    /**
     * {@link System#nanoTime()} when storage last answered 404/405 to {@code POST /upserts} (an older storage, the Go
     * bridge's): until {@link #BATCH_PROBE_INTERVAL} has passed, batches go as one {@code /upsert} per entry. Null:
     * batches are sent as batches.
     */
    private volatile Long batchesRefusedAt;

    public StorageHttpClient(URI base, Duration timeout, Supplier<Optional<String>> token) {
        this.base = Objects.requireNonNull(base, "base");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.token = token == null ? Optional::empty : token;
        this.json = new ObjectMapper();
    }

    @Override
    public String describe() {
        return base.toString();
    }

    @Override
    public UpsertResult upsert(String key, String type, StorageWire.UpsertRequest request) {
        String q = "key=" + enc(key) + (type == null ? "" : "&type=" + enc(type));
        return answer(send("POST", "/upsert", q, write(request)).body());
    }

    /**
     * {@code POST /upserts} with a JSON array of entries; against a storage that answers 404 or 405 (it has no such
     * endpoint: the Go bridge's, or an older one) one {@code POST /upsert} per entry, and so for the next
     * {@link #BATCH_PROBE_INTERVAL}; a batch over storage's size limit (413) is sent entry by entry too.
     */
    @Override
    public List<EntryAnswer> upsertAll(List<StorageWire.BatchUpsert> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        Long refusedAt = batchesRefusedAt;
        if (refusedAt != null && System.nanoTime() - refusedAt < BATCH_PROBE_INTERVAL.toNanos()) {
            return StorageApi.super.upsertAll(entries);
        }
        Answer r = exchange("POST", "/upserts", null, write(entries));
        int status = r.status();
        if (status == 404 || status == 405) {
            if (refusedAt == null) {
                LOG.infof(
                        "storage at %s has no POST /upserts (answered %d): sending one POST /upsert per document",
                        base, status);
            }
            batchesRefusedAt = System.nanoTime();
            return StorageApi.super.upsertAll(entries);
        }
        batchesRefusedAt = null;
        if (status == 413 && entries.size() > 1) {
            LOG.debugf(
                    "storage at %s refused a batch of %d as too large; sending them one by one", base, entries.size());
            return StorageApi.super.upsertAll(entries);
        }
        if (status / 100 != 2) {
            throw new StorageException("POST " + base + "/upserts answered " + status + errorOf(r.body()));
        }
        StorageWire.BatchAnswer answer = read(r.body(), StorageWire.BatchAnswer.class);
        if (answer.results().size() != entries.size()) {
            throw new StorageException("POST " + base + "/upserts answered "
                    + answer.results().size() + " results for " + entries.size() + " documents");
        }
        List<EntryAnswer> out = new ArrayList<>(entries.size());
        for (StorageWire.BatchResult result : answer.results()) {
            out.add(entryAnswer(result));
        }
        return out;
    }

    /** One entry of a batch answer as the typed answer of a single upsert, or its problem. */
    static EntryAnswer entryAnswer(StorageWire.BatchResult r) {
        String result = r.result() == null ? "" : r.result();
        if (UpsertResult.Outcome.STALE.wireName().equals(result)) {
            try {
                return EntryAnswer.of(UpsertResult.stale(EpochMillis.parseDigits(
                        r.stored() == null ? "" : r.stored().strip())));
            } catch (IllegalArgumentException noTime) {
                return EntryAnswer.of(UpsertResult.ACCEPTED);
            }
        }
        Optional<UpsertResult.Outcome> outcome = outcomeNamed(result);
        if (outcome.isPresent()) {
            return EntryAnswer.of(new UpsertResult(outcome.get(), -1));
        }
        return EntryAnswer.failed("storage answered " + (result.isEmpty() ? "nothing" : LogSafe.text(result))
                + " (HTTP " + r.status() + ")" + (r.message() == null ? "" : ": " + LogSafe.text(r.message())));
    }

    /**
     * Reads storage's upsert answer ({@link StorageWire.UpsertAnswer}): {@code {"result": "stale",
     * "lastUpdateTimeSinceEpoch": <stored>}} is a refusal; {@code created}, {@code updated} and {@code unchanged}
     * are what they say; any other answer, including one without those fields or no JSON at all (the Go bridge's
     * storage), counts as accepted.
     */
    static UpsertResult answer(String body) {
        try {
            JsonNode a = ANSWERS.readTree(body == null ? "" : body);
            String result = a == null ? "" : a.path("result").asText();
            if (!UpsertResult.Outcome.STALE.wireName().equals(result)) {
                return outcomeNamed(result).map(o -> new UpsertResult(o, -1)).orElse(UpsertResult.ACCEPTED);
            }
            return UpsertResult.stale(EpochMillis.parseDigits(
                    a.path("lastUpdateTimeSinceEpoch").asText("").strip()));
        } catch (IOException | IllegalArgumentException notOurs) {
            return UpsertResult.ACCEPTED;
        }
    }

    private static Optional<UpsertResult.Outcome> outcomeNamed(String result) {
        for (UpsertResult.Outcome o : UpsertResult.Outcome.values()) {
            if (o != UpsertResult.Outcome.ACCEPTED && o.wireName().equals(result)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    @Override
    public void currentKeySet(Collection<String> keys) {
        send("POST", "/currentkeyset", "key=" + enc(String.join(",", keys)), "");
    }

    @Override
    public List<String> list() {
        return read(send("GET", "/list", null, null).body(), StorageWire.KeyList.class)
                .keys();
    }

    /** {@code GET /digests}; empty when storage answers 404 (the Go bridge's storage has no such endpoint). */
    @Override
    public Optional<StorageWire.Digests> digests(String after, int limit) {
        String q = "limit=" + limit + (after == null || after.isEmpty() ? "" : "&after=" + enc(after));
        Answer r = sendAllowing404("GET", "/digests", q);
        return r.status() == 404 ? Optional.empty() : Optional.of(read(r.body(), StorageWire.Digests.class));
    }

    @Override
    public Optional<StorageWire.FetchResponse> fetch(String key) {
        Answer r = sendAllowing404("GET", "/fetch", "key=" + enc(key));
        return r.status() == 404 ? Optional.empty() : Optional.of(read(r.body(), StorageWire.FetchResponse.class));
    }

    @Override
    public Optional<StorageWire.Documents> documents(String after, int limit) {
        String q = "limit=" + limit + (after == null ? "" : "&after=" + enc(after));
        Answer r = sendAllowing404("GET", "/documents", q);
        return r.status() == 404 ? Optional.empty() : Optional.of(read(r.body(), StorageWire.Documents.class));
    }

    /** Streams the page into {@link DecodedPages} (no text of the page, no string per body). */
    @Override
    public Optional<DecodedPages.DecodedPage> decodedDocuments(String after, int limit) {
        String q = "limit=" + limit + (after == null ? "" : "&after=" + enc(after));
        JsonConnections.Answer r = attempts("GET", "/documents", () -> open("GET", uri("/documents", q), null));
        try (InputStream in = r.body()) {
            if (r.status() == 404) {
                return Optional.empty();
            }
            if (r.status() / 100 != 2) {
                String text = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
                throw new StorageException("GET " + base + "/documents answered " + r.status() + errorOf(text));
            }
            return Optional.of(DecodedPages.read(in));
        } catch (JsonProcessingException e) {
            throw new StorageException("storage at " + base + " answered unreadable JSON: "
                    + e.getClass().getSimpleName());
        } catch (IOException e) {
            // The answer broke off while streaming in (not retried: the next load asks again).
            throw new StorageException("GET " + base + "/documents failed: " + describe(e));
        }
    }

    private Answer send(String method, String path, String query, String body) {
        Answer r = exchange(method, path, query, body);
        if (r.status() / 100 != 2) {
            throw new StorageException(method + " " + base + path + " answered " + r.status() + errorOf(r.body()));
        }
        return r;
    }

    private Answer sendAllowing404(String method, String path, String query) {
        Answer r = exchange(method, path, query, null);
        if (r.status() / 100 != 2 && r.status() != 404) {
            throw new StorageException(method + " " + base + path + " answered " + r.status() + errorOf(r.body()));
        }
        return r;
    }

    /** One call whose answer is read whole (a connection that breaks while it is read is tried again, too). */
    private Answer exchange(String method, String path, String query, String body) {
        URI uri = uri(path, query);
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        return attempts(method, path, () -> {
            JsonConnections.Answer r = open(method, uri, bytes);
            try (InputStream in = r.body()) {
                return new Answer(r.status(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        });
    }

    private URI uri(String path, String query) {
        String b = base.toString().endsWith("/")
                ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        return URI.create(b + path + (query == null ? "" : "?" + query));
    }

    /**
     * Sends the request and returns storage's status and the body's stream: the error body for a status of 400 or
     * more, an empty stream when there is none. Reading the stream to its end lets the connection be used again.
     */
    private JsonConnections.Answer open(String method, URI uri, byte[] body) throws IOException {
        // No TLS socket factory of our own: an https:// storage is verified against the JDK's trust roots.
        return JsonConnections.send(JsonConnections.open(uri, method, timeout, timeout, null, token.get()), body);
    }

    /**
     * Runs one call, again when its connection fails (up to {@link #TRANSPORT_ATTEMPTS} attempts), never again on a
     * timeout: storage may still be working on it, and a retry would wait as long again.
     */
    private <T> T attempts(String method, String path, Call<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (SocketTimeoutException e) {
                throw new StorageException(method + " " + base + path + " failed: " + describe(e));
            } catch (InterruptedIOException e) {
                Thread.currentThread().interrupt();
                throw new StorageException(method + " " + base + path + " interrupted");
            } catch (IOException e) {
                // A connection storage (or a proxy) closed under us: reset, EOF. Every call of this API is
                // idempotent (an upsert carries its time, a key set is a set), so sending it again is safe.
                if (attempt >= TRANSPORT_ATTEMPTS) {
                    throw new StorageException(
                            method + " " + base + path + " failed after " + attempt + " attempts: " + describe(e));
                }
                pause(attempt);
            }
        }
    }

    /** One attempt of a call. */
    @FunctionalInterface
    private interface Call<T> {
        T run() throws IOException;
    }

    /** Storage's answer, read whole. */
    private record Answer(int status, String body) {}

    private static void pause(int attempt) {
        try {
            Thread.sleep(TRANSPORT_BACKOFF.toMillis() << (attempt - 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while retrying a call to storage");
        }
    }

    private String errorOf(String answer) {
        String body = answer == null ? "" : answer.strip();
        try {
            JsonNode error = json.readTree(body).get("error");
            if (error != null && error.isValueNode() && !error.isNull()) {
                return ": " + error.asText();
            }
        } catch (IOException notJson) {
            // fall through to the raw text
        }
        return body.isEmpty() ? "" : ": " + (body.length() > 200 ? body.substring(0, 200) + "…" : body);
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " (" + m + ")");
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (IOException e) {
            throw new StorageException("cannot serialise request: " + e.getMessage());
        }
    }

    private <T> T read(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new StorageException("storage at " + base + " answered unreadable JSON: "
                    + e.getClass().getSimpleName());
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
