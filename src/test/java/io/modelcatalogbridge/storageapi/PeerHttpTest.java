package io.modelcatalogbridge.storageapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.modelcatalogbridge.testing.SelfSignedCertificate;
import io.modelcatalogbridge.testing.Waits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A role talking to its peers over plain {@code http://} (the sidecars of one pod) never builds TLS: no JSSE classes,
 * no parsed system trust store in its memory. A peer given as {@code https://} is still verified.
 */
class PeerHttpTest {

    /** JSSE's context implementation: loaded exactly when some code builds an SSL context. */
    private static final String JSSE_CONTEXT = "sun.security.ssl.SSLContextImpl";

    @TempDir
    Path dir;

    @Test
    void aRoleReadingStorageOverHttpLoadsNoTlsClasses() throws Exception {
        List<String> loaded = runProbe("http");
        assertTrue(loaded.contains("keys=[a_v1, b_v1]"), "the storage client read the keys over http: " + tail(loaded));
        assertTrue(
                loaded.stream().noneMatch(line -> line.contains(JSSE_CONTEXT + " ")),
                "an http:// peer built an SSL context: " + tail(loaded));
    }

    @Test
    void anHttpsPeerStillGetsTheJdkTlsContext() throws Exception {
        // The same probe with an https:// peer: the class shows up, so the test above can see it when it is loaded.
        List<String> loaded = runProbe("https");
        assertTrue(loaded.stream().anyMatch(line -> line.contains(JSSE_CONTEXT + " ")), tail(loaded));
        assertEquals(
                SSLContext.getDefault(),
                PeerHttp.client("https://storage:7070", Duration.ofSeconds(5)).sslContext());
    }

    @Test
    void anHttpsPeerWithAnUntrustedCertificateIsRefused() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.generate(dir);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(cert.serverContext()));
        List<String> reached = new ArrayList<>();
        server.createContext("/", exchange -> {
            reached.add(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "https://localhost:" + server.getAddress().getPort();
            HttpRequest get = HttpRequest.newBuilder(URI.create(url + "/list")).build();
            assertThrows(
                    SSLHandshakeException.class,
                    () -> PeerHttp.client(url, Duration.ofSeconds(10)).send(get, HttpResponse.BodyHandlers.ofString()));
            assertEquals(List.of(), reached, "no request got past the handshake");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void onlyAnHttpSchemeCountsAsPlain() {
        assertTrue(PeerHttp.isPlainHttp("http://127.0.0.1:7070"));
        assertTrue(PeerHttp.isPlainHttp("HTTP://storage:7070/"));
        assertFalse(PeerHttp.isPlainHttp("https://storage:7070"));
        assertFalse(PeerHttp.isPlainHttp("httpx://storage"));
        assertFalse(PeerHttp.isPlainHttp("storage:7070"));
    }

    /**
     * Runs {@link Probe} in a fresh JVM with class loading logged, and returns its output followed by the log: the
     * test JVM itself has long loaded TLS for other tests.
     */
    private List<String> runProbe(String scheme) throws IOException, InterruptedException {
        Path log = dir.resolve("classes-" + scheme + ".log");
        Path out = dir.resolve("out-" + scheme + ".txt");
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xlog:class+load=info:file=" + log,
                        "-cp",
                        System.getProperty("java.class.path"),
                        Probe.class.getName(),
                        scheme)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!p.waitFor(Waits.seconds(60).toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(out, StandardCharsets.UTF_8));
        assertEquals(0, p.exitValue(), "probe failed: " + lines);
        lines.addAll(Files.readAllLines(log, StandardCharsets.UTF_8));
        return lines;
    }

    private static String tail(List<String> lines) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /**
     * What a role does towards storage: builds the storage client and, for {@code http}, reads the key list from a
     * plain-HTTP storage; for {@code https}, calls a storage that is not there (the call sets up TLS before it
     * connects).
     */
    public static final class Probe {
        public static void main(String[] args) throws IOException {
            if (args[0].equals("https")) {
                // Nothing listens on port 1: the call fails after the client has set up TLS for it.
                try {
                    new StorageHttpClient(URI.create("https://127.0.0.1:1"), Duration.ofSeconds(5), Optional::empty)
                            .list();
                } catch (StorageApi.StorageException refused) {
                    System.out.println("refused");
                }
                return;
            }
            HttpServer storage = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            storage.createContext("/list", exchange -> {
                byte[] body = "{\"keys\":[\"a_v1\",\"b_v1\"]}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            storage.start();
            try {
                String base = "http://127.0.0.1:" + storage.getAddress().getPort();
                List<String> keys =
                        new StorageHttpClient(URI.create(base), Duration.ofSeconds(30), Optional::empty).list();
                System.out.println("keys=" + keys);
            } finally {
                storage.stop(0);
            }
        }
    }
}
