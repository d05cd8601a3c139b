package io.modelcatalogbridge.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * Opens and sends one request to a JSON API the way every client of the bridge does (the registry reader and the
 * storage client), so they cannot drift apart: no proxy, no redirects followed, no caches, {@code Accept:
 * application/json}, the bearer token when there is one, timeouts as whole milliseconds, the error body for a status
 * of 400 or more, and an interrupt noticed as soon as the answer's status is in.
 *
 * <p>Why {@link HttpURLConnection}: it answers on the caller's thread, which for the bridge's many small calls costs a
 * third (cold) to a quarter (warm) of the JDK {@code HttpClient}'s CPU per request and a sixth of its first-request time (docs/benchmarks.md, "Registry
 * reads without the JDK's HttpClient" and "a role's first request to a peer").
 */
public final class JsonConnections {

    private JsonConnections() {}

    /** An answer: its status and its body's stream (never null), to be read to its end and closed. */
    public record Answer(int status, InputStream body) {}

    /**
     * A request, not sent yet. Connecting waits at most {@code connectTimeout} and never longer than
     * {@code readTimeout}, the longest any read of the answer waits.
     *
     * @param tls   the TLS sockets of an {@code https://} URI; null: the JDK's default (its trust roots, host names
     *              checked)
     * @param token sent as {@code Authorization: Bearer}; the caller strips it and refuses line breaks in it
     */
    public static HttpURLConnection open(
            URI uri,
            String method,
            Duration connectTimeout,
            Duration readTimeout,
            SSLSocketFactory tls,
            Optional<String> token)
            throws IOException {
        // No proxy, as the JDK HttpClient without one: registries and peers are reached directly (in-cluster
        // Services, sidecars, Routes).
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        if (tls != null && c instanceof HttpsURLConnection https) {
            https.setSSLSocketFactory(tls);
        }
        int read = millis(readTimeout);
        c.setConnectTimeout(Math.min(read, millis(connectTimeout)));
        c.setReadTimeout(read);
        // A redirect is an answer, not a hop: behind a proxy it usually leads to a login page.
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        c.setRequestMethod(method);
        c.setRequestProperty("Accept", "application/json");
        token.ifPresent(t -> c.setRequestProperty("Authorization", "Bearer " + t));
        return c;
    }

    /**
     * Sends the request ({@code body} null: none) and returns the status and the body's stream: the error body from
     * 400 on, an empty stream when there is none. The body is buffered, not streamed with a fixed length: in streaming
     * mode a 401 would surface as an exception instead of the server's answer. The call itself is not interruptible;
     * an interrupt that arrived meanwhile is reported once the status is in. Whatever fails, the connection is closed,
     * so a connection whose answer was not read is never used again.
     *
     * @throws InterruptedIOException when the thread was interrupted (its interrupt status is left set)
     */
    public static Answer send(HttpURLConnection c, byte[] body) throws IOException {
        boolean answered = false;
        try {
            if (body != null) {
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/json");
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = c.getResponseCode();
            InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            if (Thread.currentThread().isInterrupted()) {
                // Not drained: disconnecting below closes the socket, where closing the stream would read on.
                throw new InterruptedIOException("interrupted");
            }
            answered = true;
            return new Answer(status, in == null ? InputStream.nullInputStream() : in);
        } finally {
            if (!answered) {
                c.disconnect();
            }
        }
    }

    /**
     * A timeout as {@link HttpURLConnection} takes it: whole milliseconds, at least 1 (0 would mean no timeout at all),
     * at most {@link Integer#MAX_VALUE}.
     */
    public static int millis(Duration timeout) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }
}
