package io.modelcatalogbridge.source.kfmr;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcatalogbridge.net.JsonConnections;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import org.jboss.logging.Logger;

/**
 * One GET with the registry's auth, timeouts and bounded retries; maps every failure to a one-line typed
 * {@link KfmrException}. Retried: 5xx, 429, timeouts and I/O errors. Not retried: 401/403, other 4xx, redirects,
 * TLS failures. The bearer token is never put into a message or a log line.
 *
 * <p>Why {@link HttpURLConnection} and not {@code java.net.http.HttpClient}: a registry read is thousands of small
 * GETs (one per version's artifacts), each made on the reading thread and waited for. The JDK 17 {@code HttpClient}
 * hands every exchange between the caller, its selector thread and a worker thread, which cost 914 µs of CPU per
 * GET in a fresh JVM and 338 µs warm; {@code HttpURLConnection} reads the answer on the caller's thread: 326 µs cold,
 * 87 µs warm (medians of 5, 10,000 artifact GETs with 4 threads, bench/registry-client.sh; docs/benchmarks.md
 * "Registry reads without the JDK's HttpClient"). Both are the JDK's, keep connections alive, speak HTTP/1.1 only here and verify TLS the same way
 * (the default host-name verifier makes the TLS socket check the host, which {@link TlsContexts#insecure()} skips).
 */
final class KfmrHttp {

    private static final Logger LOG = Logger.getLogger(KfmrHttp.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final int MAX_DETAIL = 200;
    private static final String MAX_CONNECTIONS = "http.maxConnections";
    private static final int DEFAULT_MAX_CONNECTIONS = 5;

    private final KfmrClientSettings settings;
    /**
     * Null: the JDK's default (its trust roots). One instance for all requests: kept-alive connections are pooled per
     * socket factory.
     */
    private final SSLSocketFactory tls;

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    /** Bounds the requests in flight to this registry, however many threads read it. */
    private final Semaphore inFlight;
    /** Reports slow requests, which run on the reading thread. */
    private final RequestWatch watchdog;

    private volatile ReadBounds bounds = ReadBounds.NONE;

    KfmrHttp(KfmrClientSettings settings) {
        this.settings = settings;
        this.inFlight = new Semaphore(settings.maxConcurrentRequests());
        this.watchdog = new RequestWatch("registry-request-timer");
        keepAliveUpTo(settings.maxConcurrentRequests());
        if (settings.insecureSkipTlsVerify()) {
            this.tls = TlsContexts.insecure().getSocketFactory();
        } else if (settings.caBundle().isPresent()) {
            this.tls = TlsContexts.withCaBundle(settings.caBundle().get()).getSocketFactory();
        } else {
            this.tls = null;
        }
    }

    /**
     * The JDK keeps at most {@code http.maxConnections} idle connections per host (5 unless set), and a request beyond
     * them connects (and for HTTPS, shakes hands) anew. Raised to the registry concurrency when that is higher and the
     * property is unset; never lowered. The JDK reads it at its first HTTP request, which no registry read has made
     * before its client exists.
     */
    static void keepAliveUpTo(int concurrentRequests) {
        String set = System.getProperty(MAX_CONNECTIONS);
        if (concurrentRequests > DEFAULT_MAX_CONNECTIONS && (set == null || set.isBlank())) {
            System.setProperty(MAX_CONNECTIONS, Integer.toString(concurrentRequests));
        }
    }

    void limitTo(ReadBounds b) {
        this.bounds = b == null ? ReadBounds.NONE : b;
    }

    /**
     * GETs {@code uri}. Returns the body of a 2xx answer, or empty for a 404 when {@code allowNotFound}.
     *
     * @param template the path template counted in {@link #requestCounts()},
     *                 e.g. {@code /model_versions/{id}/artifacts}
     */
    Optional<byte[]> get(URI uri, String template, boolean allowNotFound) {
        String shown = display(uri);
        KfmrException last = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            if (attempt > 1) {
                Duration pause = backoff(attempt, last);
                if (bounds.remaining().map(left -> left.compareTo(pause) <= 0).orElse(false)) {
                    break; // no time left for another attempt: the last failure stands
                }
                sleep(pause);
            }
            requireTimeLeft(shown);
            counts.computeIfAbsent(template, t -> new LongAdder()).increment();
            Attempt a = attempt(uri, shown, attempt, allowNotFound);
            if (a.failure() == null) {
                return a.body();
            }
            last = a.failure();
            if (!(last instanceof RetryableHttpException)) {
                LOG.debugf(
                        "GET %s failed (attempt %d of %d): %s",
                        shown, attempt, settings.maxAttempts(), last.getMessage());
            }
        }
        if (last instanceof RetryableHttpException r) {
            throw new KfmrHttpException(r.url(), r.status(), r.getMessage());
        }
        throw last;
    }

    /** One attempt's result: the body (or empty for an allowed 404), or a failure worth retrying. */
    private record Attempt(Optional<byte[]> body, KfmrException failure) {
        static Attempt done(Optional<byte[]> body) {
            return new Attempt(body, null);
        }

        static Attempt retry(KfmrException failure) {
            return new Attempt(Optional.empty(), failure);
        }
    }

    /**
     * Sends one GET.
     *
     * @throws KfmrException for failures that retrying cannot fix (refused, redirected, TLS, other 4xx)
     */
    private Attempt attempt(URI uri, String shown, int attempt, boolean allowNotFound) {
        Optional<String> token = currentToken();
        ReadBounds b = bounds;
        Duration timeout = b.remaining()
                .filter(left -> left.compareTo(settings.requestTimeout()) < 0)
                .orElse(settings.requestTimeout());
        try {
            Response resp = send(uri, token, timeout, b);
            outcome(Integer.toString(resp.status()));
            return answer(resp, shown, attempt, allowNotFound, token);
        } catch (SocketTimeoutException e) {
            outcome("timeout");
            boolean cut = timeout.compareTo(settings.requestTimeout()) < 0;
            return Attempt.retry(new KfmrConnectionException(
                    "GET " + shown + " timed out (" + attempts(attempt) + ", connect timeout "
                            + settings.connectTimeout().toSeconds()
                            + " s, request timeout "
                            + settings.requestTimeout().toSeconds() + " s"
                            + (cut ? ", cut short by the sync deadline" : "") + ")",
                    e));
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new KfmrConnectionException("GET " + shown + " interrupted", e);
        } catch (IOException e) {
            outcome("error");
            return Attempt.retry(unreachable(uri, shown, attempt, e));
        }
    }

    /** What an answer means: 2xx and an allowed 404 are done, 429 and 5xx are retried, the rest fail at once. */
    private Attempt answer(Response resp, String shown, int attempt, boolean allowNotFound, Optional<String> token) {
        int status = resp.status();
        if (status >= 200 && status < 300) {
            return Attempt.done(Optional.of(resp.body()));
        }
        if (status == 404 && allowNotFound) {
            return Attempt.done(Optional.empty());
        }
        String detail = detail(resp.body(), token);
        if (status == 401 || status == 403) {
            throw refused(shown, status, detail);
        }
        if (status == 429 || status >= 500) {
            LOG.debugf("GET %s answered %d (attempt %d of %d)", shown, status, attempt, settings.maxAttempts());
            return Attempt.retry(new RetryableHttpException(
                    shown,
                    status,
                    "GET " + shown + " failed with " + status + " after " + attempts(attempt) + detail,
                    resp.retryAfter()));
        }
        if (status >= 300 && status < 400) {
            throw new KfmrHttpException(
                    shown,
                    status,
                    "GET " + shown + " was redirected (" + status + " to "
                            + Optional.ofNullable(resp.location())
                                    .map(KfmrHttp::stripQuery)
                                    .orElse("?")
                            + "): the URL may point at a login page rather than the registry API");
        }
        throw new KfmrHttpException(shown, status, "GET " + shown + " failed with " + status + detail);
    }

    private static KfmrAuthException refused(String shown, int status, String detail) {
        // Proxies answer "Unauthorized"/"Forbidden" as text; repeating it adds nothing.
        String extra =
                detail.equalsIgnoreCase(": Unauthorized") || detail.equalsIgnoreCase(": Forbidden") ? "" : detail;
        return new KfmrAuthException(
                shown,
                status,
                "model registry refused GET " + shown + " with "
                        + status
                        + (status == 401
                                ? " Unauthorized: the bearer token is missing, expired or invalid"
                                : " Forbidden: the token's user may not read this registry")
                        + extra);
    }

    /**
     * An I/O failure as a retryable connection error naming the cause.
     *
     * @throws KfmrConnectionException at once for a TLS failure: retrying the same handshake cannot succeed
     */
    private static KfmrConnectionException unreachable(URI uri, String shown, int attempt, IOException e) {
        SSLException tls = findCause(e, SSLException.class);
        if (tls != null) {
            throw new KfmrConnectionException(
                    "TLS handshake with " + shown + " failed: " + oneLine(tls)
                            + " (trust the registry's CA with a CA bundle, or opt out of verification explicitly)",
                    e);
        }
        String reason = findCause(e, UnresolvedAddressException.class) != null
                        || findCause(e, UnknownHostException.class) != null
                ? "unknown host " + uri.getHost()
                : findCause(e, ConnectException.class) != null ? "connection refused" : oneLine(e);
        return new KfmrConnectionException(
                "cannot reach model registry at " + shown + ": " + reason + " (" + attempts(attempt) + ")", e);
    }

    private static String attempts(int n) {
        return n + " attempt" + (n == 1 ? "" : "s");
    }

    /** HTTP requests sent (attempts included) per path template, sorted by template. */
    Map<String, Long> requestCounts() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Attempts per outcome: the HTTP status ({@code 200}, {@code 401}, {@code 500}, …), {@code timeout} or {@code error}. */
    Map<String, Long> outcomeCounts() {
        Map<String, Long> out = new TreeMap<>();
        outcomes.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private void outcome(String key) {
        outcomes.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** One answer: its status, whole body, and the two headers a failure message or a retry uses. */
    private record Response(int status, byte[] body, String location, String retryAfter) {}

    /**
     * Sends one request on the caller's thread (waiting for a slot first) and bounds it by {@code timeout}: connecting
     * and every read wait at most that long, and a body still arriving once it has passed is cut (so a registry that
     * trickles its answer is cut at the first read after it). A request still waiting after the bounds' slow
     * threshold is reported at that moment, and keeps waiting.
     *
     * @throws SocketTimeoutException  when the answer is not complete in time
     * @throws InterruptedIOException  when the thread was interrupted (the request itself is not interruptible, so it
     *                                 is noticed once the answer's status is in)
     */
    private Response send(URI uri, Optional<String> token, Duration timeout, ReadBounds b) throws IOException {
        // At most maxConcurrentRequests in flight to this registry, however many threads read it.
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a request slot");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        // Reported only when it can happen before the timeout, as the read's bounds ask.
        Duration slowAfter = b.slowAfter().compareTo(timeout) < 0 ? b.slowAfter() : Duration.ZERO;
        RequestWatch.Watch watch =
                watchdog.start(slowAfter, () -> b.onSlow().accept(URI.create(display(uri)), b.slowAfter()));
        HttpURLConnection c = null;
        boolean whole = false;
        try {
            c = JsonConnections.open(uri, "GET", settings.connectTimeout(), timeout, tls, token);
            JsonConnections.Answer a = JsonConnections.send(c, null);
            byte[] body = readBody(a.body(), deadline, timeout);
            whole = true;
            return new Response(a.status(), body, c.getHeaderField("Location"), c.getHeaderField("Retry-After"));
        } finally {
            if (c != null && !whole) {
                c.disconnect(); // never reuse a connection whose answer was not read to its end
            }
            watch.close();
            inFlight.release();
        }
    }

    /** The whole body, or a timeout when it is still arriving after {@code deadline}. */
    private static byte[] readBody(InputStream in, long deadline, Duration timeout) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                if (System.nanoTime() - deadline > 0) {
                    throw new SocketTimeoutException("no complete answer within " + timeout.toMillis() + " ms");
                }
            }
            return out.toByteArray();
        }
    }

    /** @throws KfmrConnectionException when the read's deadline has passed: no new request is started */
    private void requireTimeLeft(String shown) {
        if (bounds.remaining().map(Duration::isZero).orElse(false)) {
            outcome("deadline");
            throw new KfmrConnectionException(
                    "the read's deadline passed before GET " + shown
                            + " (bridge.registry.sync-deadline); the registry keeps its last known documents",
                    null);
        }
    }

    /** The token as sent: trimmed (token files end with a newline); a token that cannot be a header is refused. */
    private Optional<String> currentToken() {
        Optional<String> raw = settings.token().get();
        Optional<String> token =
                raw == null ? Optional.empty() : raw.map(String::strip).filter(t -> !t.isEmpty());
        if (token.isPresent() && token.get().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new KfmrAuthException(
                    display(URI.create(settings.registryUrl())),
                    0,
                    "the bearer token for " + settings.registryUrl() + " contains a control character or line break");
        }
        return token;
    }

    private Duration backoff(int attempt, KfmrException last) {
        long millis = settings.initialBackoff().toMillis() << Math.min(attempt - 2, 20);
        if (last instanceof RetryableHttpException r && r.retryAfter != null) {
            try {
                millis = Math.max(millis, Long.parseLong(r.retryAfter.trim()) * 1000);
            } catch (NumberFormatException httpDate) {
                // An HTTP-date Retry-After is rare from registries; the exponential backoff is good enough.
            }
        }
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KfmrConnectionException("interrupted while waiting to retry", e);
        }
    }

    /** {@code ": <code>: <message>"} from a KFMR error body, else the first line of a text body (proxies). */
    private static String detail(byte[] body, Optional<String> token) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        String shown;
        try {
            JsonNode node = KfmrJson.mapper().readTree(text);
            if (node != null && node.isObject() && (node.has("code") || node.has("message"))) {
                shown = node.path("code").asText("")
                        + (node.has("message") ? ": " + node.path("message").asText() : "");
            } else {
                shown = text;
            }
        } catch (IOException notJson) {
            shown = text.startsWith("<") ? "" : text;
        }
        shown = KfmrFormatException.firstLine(shown.isBlank() ? null : shown);
        if ("malformed JSON".equals(shown)) {
            return "";
        }
        if (token.isPresent()) {
            shown = shown.replace(token.get(), "***");
        }
        return ": " + (shown.length() > MAX_DETAIL ? shown.substring(0, MAX_DETAIL) + "..." : shown);
    }

    /** The URL as shown in messages: without user info. */
    static String display(URI uri) {
        String s = uri.toString();
        String userInfo = uri.getRawUserInfo();
        return userInfo == null ? s : s.replace(userInfo + "@", "");
    }

    private static String stripQuery(String location) {
        int q = location.indexOf('?');
        return q < 0 ? location : location.substring(0, q);
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : KfmrFormatException.firstLine(m);
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** A 5xx/429 answer kept as the "last failure" while retrying. */
    private static final class RetryableHttpException extends KfmrHttpException {
        private final String retryAfter;

        RetryableHttpException(String url, int status, String message, String retryAfter) {
            super(url, status, message);
            this.retryAfter = retryAfter;
        }
    }
}
