package io.modelcatalogbridge.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How every client of the bridge opens and sends a request, against a real HTTP server. */
class JsonConnectionsTest {

    private HttpServer server;
    /** What the server saw, per path: method, the request headers the clients rely on, and the body. */
    private final Map<String, String> seen = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/refused", x -> answer(x, 401, "{\"error\":\"bad token\"}"));
        server.createContext("/moved", x -> {
            x.getResponseHeaders().add("Location", "/login");
            answer(x, 302, "");
        });
        server.createContext("/login", x -> answer(x, 200, "{\"login\":true}"));
        server.createContext("/echo", x -> answer(x, 200, "{\"ok\":true}"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange x, int status, String body) throws IOException {
        byte[] in = x.getRequestBody().readAllBytes();
        seen.put(
                x.getRequestURI().getPath(),
                String.join(
                        " | ",
                        x.getRequestMethod(),
                        String.valueOf(x.getRequestHeaders().getFirst("Accept")),
                        String.valueOf(x.getRequestHeaders().getFirst("Authorization")),
                        String.valueOf(x.getRequestHeaders().getFirst("Content-Type")),
                        new String(in, StandardCharsets.UTF_8)));
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
        try (var os = x.getResponseBody()) {
            os.write(out);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aRefusalArrivesAsTheServersAnswerWithItsBody() throws IOException {
        HttpURLConnection c = JsonConnections.open(
                uri("/refused"), "POST", Duration.ofSeconds(5), Duration.ofSeconds(5), null, Optional.of("s3cret"));
        JsonConnections.Answer a = JsonConnections.send(c, "{\"k\":1}".getBytes(StandardCharsets.UTF_8));

        assertEquals(401, a.status());
        assertEquals("{\"error\":\"bad token\"}", read(a.body()));
        assertEquals("POST | application/json | Bearer s3cret | application/json | {\"k\":1}", seen.get("/refused"));
    }

    @Test
    void aRedirectIsAnAnswerNotAHop() throws IOException {
        HttpURLConnection c = JsonConnections.open(
                uri("/moved"), "GET", Duration.ofSeconds(5), Duration.ofSeconds(5), null, Optional.empty());
        JsonConnections.Answer a = JsonConnections.send(c, null);

        assertEquals(302, a.status());
        assertEquals("", read(a.body()), "no body: an empty stream, never null");
        assertEquals("GET | application/json | null | null | ", seen.get("/moved"));
        assertEquals(List.of("/moved"), List.copyOf(seen.keySet()), "the login page was not asked for");
    }

    @Test
    void anInterruptIsReportedOnceTheStatusIsInAndStaysSet() throws IOException {
        HttpURLConnection c = JsonConnections.open(
                uri("/echo"), "GET", Duration.ofSeconds(5), Duration.ofSeconds(5), null, Optional.empty());
        Thread.currentThread().interrupt();
        try {
            assertThrows(InterruptedIOException.class, () -> JsonConnections.send(c, null));
            assertTrue(Thread.currentThread().isInterrupted(), "the caller still sees the interrupt");
        } finally {
            Thread.interrupted();
        }
        // The next request is answered as usual.
        JsonConnections.Answer a = JsonConnections.send(
                JsonConnections.open(
                        uri("/echo"), "GET", Duration.ofSeconds(5), Duration.ofSeconds(5), null, Optional.empty()),
                null);
        assertEquals("{\"ok\":true}", read(a.body()));
    }

    @Test
    void connectingNeverWaitsLongerThanTheRequestMay() throws IOException {
        HttpURLConnection c = JsonConnections.open(
                uri("/echo"), "GET", Duration.ofSeconds(10), Duration.ofMillis(1500), null, Optional.empty());

        assertEquals(1500, c.getConnectTimeout());
        assertEquals(1500, c.getReadTimeout());
        assertEquals(1, JsonConnections.millis(Duration.ZERO), "0 would mean: wait forever");
        assertEquals(Integer.MAX_VALUE, JsonConnections.millis(Duration.ofDays(365 * 100)));
    }
}
