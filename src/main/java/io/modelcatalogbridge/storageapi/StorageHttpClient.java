package io.modelcatalogbridge.storageapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcatalogbridge.model.EpochMillis;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Client of the storage role's REST API (the Go bridge's contract), as the normalizer and location use it. Plain
 * {@code java.net.http}: no Quarkus, so it is also usable from one-shot commands and tests. Errors are
 * {@link StorageException}s with one line naming the call and status; the bearer token never appears in them. A call
 * whose connection breaks (GOAWAY, reset) is sent again, up to {@value #TRANSPORT_ATTEMPTS} attempts: every call of
 * the API is idempotent.
 */
public class StorageHttpClient implements StorageApi {

    private static final ObjectMapper ANSWERS = new ObjectMapper();
    /** Attempts of one call when the connection fails (not when storage answers, nor on a timeout). */
    static final int TRANSPORT_ATTEMPTS = 3;

    private static final Duration TRANSPORT_BACKOFF = Duration.ofMillis(200);

    private final URI base;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration timeout;
    private final Supplier<Optional<String>> token;

    public StorageHttpClient(URI base, Duration timeout, Supplier<Optional<String>> token) {
        this.base = Objects.requireNonNull(base, "base");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.token = token == null ? Optional::empty : token;
        this.http = PeerHttp.client(base.toString(), timeout);
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
        HttpResponse<String> r = sendAllowing404("GET", "/digests", q);
        return r.statusCode() == 404 ? Optional.empty() : Optional.of(read(r.body(), StorageWire.Digests.class));
    }

    @Override
    public Optional<StorageWire.FetchResponse> fetch(String key) {
        HttpResponse<String> r = sendAllowing404("GET", "/fetch", "key=" + enc(key));
        return r.statusCode() == 404 ? Optional.empty() : Optional.of(read(r.body(), StorageWire.FetchResponse.class));
    }

    @Override
    public Optional<StorageWire.Documents> documents(String after, int limit) {
        String q = "limit=" + limit + (after == null ? "" : "&after=" + enc(after));
        HttpResponse<String> r = sendAllowing404("GET", "/documents", q);
        return r.statusCode() == 404 ? Optional.empty() : Optional.of(read(r.body(), StorageWire.Documents.class));
    }

    private HttpResponse<String> send(String method, String path, String query, String body) {
        HttpResponse<String> r = exchange(method, path, query, body);
        if (r.statusCode() / 100 != 2) {
            throw new StorageException(method + " " + base + path + " answered " + r.statusCode() + errorOf(r));
        }
        return r;
    }

    private HttpResponse<String> sendAllowing404(String method, String path, String query) {
        HttpResponse<String> r = exchange(method, path, query, null);
        if (r.statusCode() / 100 != 2 && r.statusCode() != 404) {
            throw new StorageException(method + " " + base + path + " answered " + r.statusCode() + errorOf(r));
        }
        return r;
    }

    private HttpResponse<String> exchange(String method, String path, String query, String body) {
        String b = base.toString().endsWith("/")
                ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        URI uri = URI.create(b + path + (query == null ? "" : "?" + query));
        HttpRequest.Builder req = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            req.header("Content-Type", "application/json");
        }
        token.get().ifPresent(t -> req.header("Authorization", "Bearer " + t));
        HttpRequest request = req.build();
        for (int attempt = 1; ; attempt++) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (HttpTimeoutException e) {
                // Not retried: storage may still be working on it, and a retry would wait as long again.
                throw new StorageException(method + " " + base + path + " failed: " + describe(e));
            } catch (IOException e) {
                // A connection storage (or a proxy) closed under us: GOAWAY, reset, EOF. Every call of this API is
                // idempotent (an upsert carries its time, a key set is a set), so sending it again is safe.
                if (attempt >= TRANSPORT_ATTEMPTS) {
                    throw new StorageException(
                            method + " " + base + path + " failed after " + attempt + " attempts: " + describe(e));
                }
                pause(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException(method + " " + base + path + " interrupted");
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(TRANSPORT_BACKOFF.toMillis() << (attempt - 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while retrying a call to storage");
        }
    }

    private String errorOf(HttpResponse<String> r) {
        String body = r.body() == null ? "" : r.body().strip();
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
