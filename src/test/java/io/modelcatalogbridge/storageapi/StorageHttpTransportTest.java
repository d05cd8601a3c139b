package io.modelcatalogbridge.storageapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.modelcatalogbridge.testing.SelfSignedCertificate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage client's transport as a role relies on it: a call whose connection breaks is sent again, a timeout is
 * not, storage's refusals arrive as its answer (with its reason, without the token), and an {@code https://} storage
 * is verified.
 */
class StorageHttpTransportTest {

    private static final byte[] KEYS = "{\"keys\":[\"a_v1\"]}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void aCallWhoseConnectionBreaksIsSentAgain() throws Exception {
        // The first connection is closed once its request arrived, unanswered; the next one is answered.
        try (RawServer storage = new RawServer(n -> n == 1)) {
            List<String> keys = client(storage.url(), Duration.ofSeconds(30)).list();
            assertEquals(List.of("a_v1"), keys);
            assertEquals(2, storage.requests.get(), "one request broke off, the second was answered");
        }
    }

    @Test
    void aCallThatKeepsBreakingFailsAfterItsAttempts() throws Exception {
        try (RawServer storage = new RawServer(n -> true)) {
            StorageApi.StorageException e = assertThrows(
                    StorageApi.StorageException.class,
                    () -> client(storage.url(), Duration.ofSeconds(30)).list());
            assertTrue(
                    e.getMessage()
                            .startsWith("GET " + storage.url() + "/list failed after "
                                    + StorageHttpClient.TRANSPORT_ATTEMPTS + " attempts: "),
                    e.getMessage());
            // HttpURLConnection itself sends a request that got no answer once more, on a new connection, before it
            // reports the failure: each attempt reaches storage once or twice, and the attempts stop.
            int requests = storage.requests.get();
            assertTrue(
                    requests >= StorageHttpClient.TRANSPORT_ATTEMPTS
                            && requests <= 2 * StorageHttpClient.TRANSPORT_ATTEMPTS,
                    requests + " requests");
        }
    }

    @Test
    void aCallThatTimesOutIsNotSentAgain() throws Exception {
        // Storage takes the request and never answers: the call fails at its timeout, once.
        try (RawServer storage = new RawServer(n -> false, true)) {
            StorageApi.StorageException e = assertThrows(
                    StorageApi.StorageException.class,
                    () -> client(storage.url(), Duration.ofMillis(500)).list());
            assertTrue(
                    e.getMessage().startsWith("GET " + storage.url() + "/list failed: SocketTimeoutException"),
                    e.getMessage());
            assertEquals(1, storage.requests.get());
        }
    }

    @Test
    void aRefusalArrivesAsStoragesAnswerAndTheTokenIsSentButNeverShown() throws Exception {
        HttpServer storage = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> authorizations = new CopyOnWriteArrayList<>();
        storage.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"error\":\"the bearer token is not allowed to write\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        storage.start();
        try {
            String url = "http://127.0.0.1:" + storage.getAddress().getPort();
            StorageHttpClient client =
                    new StorageHttpClient(URI.create(url), Duration.ofSeconds(30), () -> Optional.of("s3cret-token"));
            StorageApi.StorageException e = assertThrows(
                    StorageApi.StorageException.class,
                    () -> client.upsert("a_v1", null, new StorageWire.UpsertRequest("e30=", "1", null, null)));
            assertEquals(
                    "POST " + url + "/upsert answered 401: the bearer token is not allowed to write", e.getMessage());
            assertEquals(List.of("Bearer s3cret-token"), authorizations, "sent once, with the token");
            assertFalse(e.getMessage().contains("s3cret"));
        } finally {
            storage.stop(0);
        }
    }

    @Test
    void anHttpsStorageWithAnUntrustedCertificateIsRefused() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.generate(dir);
        HttpsServer storage = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        storage.setHttpsConfigurator(new HttpsConfigurator(cert.serverContext()));
        List<String> reached = new CopyOnWriteArrayList<>();
        storage.createContext("/", exchange -> {
            reached.add(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(200, KEYS.length);
            exchange.getResponseBody().write(KEYS);
            exchange.close();
        });
        storage.start();
        try {
            String url = "https://localhost:" + storage.getAddress().getPort();
            StorageApi.StorageException e = assertThrows(
                    StorageApi.StorageException.class,
                    () -> client(url, Duration.ofSeconds(30)).list());
            assertTrue(e.getMessage().contains("SSLHandshakeException"), e.getMessage());
            assertEquals(List.of(), reached, "no request got past the handshake");
        } finally {
            storage.stop(0);
        }
    }

    private static StorageHttpClient client(String url, Duration timeout) {
        return new StorageHttpClient(URI.create(url), timeout, Optional::empty);
    }

    /**
     * A storage on a plain socket: reads each request's head, then closes the connection unanswered when
     * {@code breaks} says so for that request (1-based), keeps it open unanswered when {@code silent}, or answers
     * {@code GET /list}.
     */
    private static final class RawServer implements AutoCloseable {
        final AtomicInteger requests = new AtomicInteger();
        private final ServerSocket socket;
        private final List<Socket> open = new CopyOnWriteArrayList<>();

        RawServer(IntPredicate breaks) throws IOException {
            this(breaks, false);
        }

        RawServer(IntPredicate breaks, boolean silent) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(
                    () -> {
                        while (!socket.isClosed()) {
                            try {
                                Socket s = socket.accept();
                                open.add(s);
                                Thread c = new Thread(() -> serve(s, breaks, silent), "raw-storage-connection");
                                c.setDaemon(true);
                                c.start();
                            } catch (IOException closed) {
                                return;
                            }
                        }
                    },
                    "raw-storage");
            t.setDaemon(true);
            t.start();
        }

        private void serve(Socket s, IntPredicate breaks, boolean silent) {
            try (s) {
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                OutputStream out = s.getOutputStream();
                while (true) {
                    String line = in.readLine();
                    if (line == null) {
                        return;
                    }
                    while (!line.isEmpty()) {
                        line = in.readLine();
                        if (line == null) {
                            return;
                        }
                    }
                    int n = requests.incrementAndGet();
                    if (silent) {
                        in.readLine(); // until the client gives up and closes
                        return;
                    }
                    if (breaks.test(n)) {
                        return;
                    }
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + KEYS.length
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.write(KEYS);
                    out.flush();
                }
            } catch (IOException gone) {
                // the client closed the connection
            }
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : open) {
                s.close();
            }
        }
    }
}
