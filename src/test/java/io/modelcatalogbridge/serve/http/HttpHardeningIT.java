package io.modelcatalogbridge.serve.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.testing.AppProcess;
import io.modelcatalogbridge.testing.Waits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A role's HTTP listener as an attacker meets it (the storage process, as packaged): malformed requests get a 4xx
 * JSON answer and no ERROR line, before authentication; clients that send half a request head or go silent are
 * dropped after the configured deadline; bodies over the limit get 413 once; {@code /q/metrics} needs the role's
 * token; SIGTERM lets a request in flight finish, and a request that outlasts the shutdown grace does not keep the
 * process alive. Each case reproduces a finding of issue 11.
 */
class HttpHardeningIT {

    private static final String TOKEN = "http-hardening-token";

    @TempDir
    static Path tmp;

    private static AppProcess storage;

    @BeforeAll
    static void start() throws Exception {
        storage = AppProcess.start(
                "storage",
                AppProcess.freePort(),
                Map.of(
                        "STORAGE_TYPE", "File",
                        "STORAGE_DIR", tmp.resolve("data").toString(),
                        "STORAGE_TOKEN", TOKEN,
                        "MAX_BODY_SIZE", "64K",
                        "BRIDGE_HTTP_HEADER_TIMEOUT", "2s",
                        "BRIDGE_HTTP_IDLE_TIMEOUT", "2s",
                        "BRIDGE_URL", "http://127.0.0.1:1"),
                tmp.resolve("storage.log"),
                List.of());
        storage.awaitReady();
    }

    @AfterAll
    static void stop() {
        if (storage != null) {
            storage.kill();
        }
    }

    /** One raw HTTP/1.1 exchange: what the client sends, the whole answer until the server closes or answers. */
    private static String exchange(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", storage.port)) {
            s.setSoTimeout((int) Waits.ceiling().toMillis());
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return readAnswer(s.getInputStream());
        }
    }

    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        try {
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                String text = out.toString(StandardCharsets.ISO_8859_1);
                int head = text.indexOf("\r\n\r\n");
                if (head > 0) {
                    String length = header(text, "content-length");
                    if (length != null && text.length() >= head + 4 + Integer.parseInt(length)) {
                        break;
                    }
                }
            }
        } catch (SocketException reset) {
            // The server closed after answering: what was read is the answer.
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static String header(String answer, String name) {
        for (String line : answer.split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static int status(String answer) {
        assertTrue(answer.startsWith("HTTP/1."), "no HTTP answer: " + answer);
        return Integer.parseInt(answer.substring(9, 12));
    }

    private static String log() throws IOException {
        return Files.readString(storage.log);
    }

    @Test
    void malformedRequestsGetA4xxJsonAnswerBeforeAuthenticationAndNoErrorLine() throws Exception {
        for (String target :
                List.of("/list?key=%zz", "/fetch?key=%", "/fetch?key=%E2%80%AE_x", "/fetch?key=%FF_x", "/li%0Ast")) {
            String answer = exchange("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(400, status(answer), target + ": " + answer);
            assertEquals("application/json", header(answer, "content-type"), target);
            assertTrue(answer.contains("{\"error\":\"bad request: "), answer);
            assertFalse(answer.contains("\u00e2\u0080\u00ae"), "the target is never echoed");
        }
        assertEquals(400, status(exchange("GARBAGE\r\n\r\n")));
        assertEquals(
                431, status(exchange("GET /list HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(64 * 1024) + "\r\n\r\n")));
        // The same requests with a good token are refused the same way; a well-formed one without a token is 401.
        assertEquals(401, status(exchange("GET /list HTTP/1.1\r\nHost: x\r\n\r\n")));
        assertFalse(log().contains("ERROR"), "a client's mistake logged an ERROR line: see " + storage.log);
    }

    @Test
    void clientsThatSendHalfARequestHeadOrGoSilentAreDropped() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Socket s = new Socket("127.0.0.1", storage.port);
                s.setSoTimeout((int) Waits.ceiling().toMillis());
                OutputStream out = s.getOutputStream();
                // Half a head, a silent connection, or a finished exchange kept alive and then silent.
                switch (i % 3) {
                    case 0 ->
                        out.write("GET /list HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                    case 1 -> {}
                    default ->
                        out.write(
                                ("GET /q/health/live HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
                slow.add(s);
            }
            for (Socket s : slow) {
                // Within the ceiling the server closes each one (after its answer, for the finished exchange).
                String rest = readAnswer(s.getInputStream());
                assertTrue(rest.isEmpty() || rest.startsWith("HTTP/1.1 200"), rest);
                assertEquals(-1, readOrEnd(s.getInputStream()), "connection still open");
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
        assertEquals(200, storage.get("/q/health/ready").statusCode(), "the role still serves");
    }

    private static int readOrEnd(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketException reset) {
            return -1;
        }
    }

    @Test
    void aBodyOverTheLimitGetsOne413AndNoErrorLine() throws Exception {
        StringBuilder request = new StringBuilder("POST /upsert?key=big_1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + TOKEN + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        String chunk = "a".repeat(16 * 1024);
        for (int i = 0; i < 16; i++) {
            request.append(Integer.toHexString(chunk.length()))
                    .append("\r\n")
                    .append(chunk)
                    .append("\r\n");
        }
        request.append("0\r\n\r\n");
        String answer;
        try {
            answer = exchange(request.toString());
        } catch (SocketException closedWhileSending) {
            answer = null;
        }
        if (answer != null) {
            assertEquals(413, status(answer), answer);
            assertEquals(1, answer.split("HTTP/1.1 ", -1).length - 1, "exactly one answer");
        }
        assertFalse(log().contains("already been written"), "see " + storage.log);
        assertFalse(log().contains("ERROR"), "see " + storage.log);
    }

    @Test
    void metricsNeedTheRolesToken() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest.Builder metrics =
                HttpRequest.newBuilder(URI.create(storage.url("/q/metrics"))).timeout(Waits.ceiling());
        assertEquals(
                401,
                client.send(metrics.build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode());
        assertEquals(
                200,
                client.send(
                                metrics.header("Authorization", "Bearer " + TOKEN)
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode());
        assertEquals(200, storage.get("/q/health/ready").statusCode(), "health stays open");
    }

    @Test
    void sigtermLetsARequestInFlightFinishAndRefusesNewOnes() throws Exception {
        // The grace outlasts every step below however slow the machine: the drain waits for the body, it does not
        // give up on it.
        AppProcess p =
                storageToStop("drain", Map.of("BRIDGE_HTTP_SHUTDOWN_GRACE", Waits.config(Duration.ofSeconds(60))));
        try {
            p.awaitReady();
            String body = "{\"body\":\"e30=\",\"lastUpdateTimeSinceEpoch\":\"1\"}";
            try (Socket s = new Socket("127.0.0.1", p.port)) {
                OutputStream out = upsertHeadInFlight(s, "drain_1", body.length());
                p.process.destroy();
                Waits.await("the role drains", Duration.ofSeconds(30))
                        .until(() -> Files.readString(p.log).contains("answering 1 requests in flight"));
                try (Socket late = new Socket("127.0.0.1", p.port)) {
                    late.setSoTimeout((int) Waits.ceiling().toMillis());
                    late.getOutputStream()
                            .write("GET /list HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    assertEquals(503, status(readAnswer(late.getInputStream())), "a new request while draining");
                }
                out.write(body.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String answer = readAnswer(s.getInputStream());
                assertEquals(201, status(answer), answer);
            }
            assertTrue(p.process.waitFor(Waits.ceiling().toMillis(), TimeUnit.MILLISECONDS));
            assertEquals(0, p.process.exitValue(), "see " + p.log);
            assertFalse(Files.readString(p.log).contains("ERROR"), "see " + p.log);
        } finally {
            p.kill();
        }
    }

    @Test
    void sigtermCutsARequestThatOutlastsTheShutdownGraceAndTheProcessExits() throws Exception {
        // The body deadline is far beyond every wait below: only the grace can end the request.
        AppProcess p =
                storageToStop("cut", Map.of("BRIDGE_HTTP_SHUTDOWN_GRACE", "1s", "BRIDGE_HTTP_BODY_TIMEOUT", "1h"));
        try {
            p.awaitReady();
            try (Socket s = new Socket("127.0.0.1", p.port)) {
                OutputStream out = upsertHeadInFlight(s, "cut_1", 1000);
                // A client sending its body slower than any grace: a few bytes of the 1000, then nothing.
                out.write("{\"body\":\"".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                p.process.destroy();
                // The process ends while the request is still open on the client's side: the drain is bounded.
                assertTrue(
                        p.process.waitFor(Waits.ceiling().toMillis(), TimeUnit.MILLISECONDS),
                        "a request that never finishes kept the process alive, see " + p.log);
                assertEquals(
                        "",
                        readAnswer(s.getInputStream()),
                        "the request is cut (its connection closed), not answered with an error");
            }
            assertEquals(0, p.process.exitValue(), "see " + p.log);
            String log = Files.readString(p.log);
            assertTrue(log.contains("answering 1 requests in flight first"), log);
            assertTrue(
                    log.contains("the shutdown grace (BRIDGE_HTTP_SHUTDOWN_GRACE, 1000 ms) is over; cutting 1 "
                            + "requests still in flight"),
                    log);
            assertFalse(log.contains("ERROR"), log);
        } finally {
            p.kill();
        }
    }

    /** A storage process of its own (File store), for a test that stops it; {@code http}: its HTTP settings. */
    private static AppProcess storageToStop(String name, Map<String, String> http) throws IOException {
        Map<String, String> env = new HashMap<>(http);
        env.put("STORAGE_TYPE", "File");
        env.put("STORAGE_DIR", tmp.resolve(name).toString());
        env.put("BRIDGE_URL", "http://127.0.0.1:1");
        return AppProcess.start("storage", AppProcess.freePort(), env, tmp.resolve(name + ".log"), List.of());
    }

    /**
     * Sends the head of an upsert with {@code Expect: 100-continue} and reads the "100 Continue" that says the role
     * took the request: it is in flight from here on. Returns the stream for its body.
     */
    private static OutputStream upsertHeadInFlight(Socket s, String key, int contentLength) throws IOException {
        s.setSoTimeout((int) Waits.ceiling().toMillis());
        OutputStream out = s.getOutputStream();
        out.write(("POST /upsert?key=" + key + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Expect: 100-continue\r\nContent-Length: " + contentLength + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String cont = new String(s.getInputStream().readNBytes(25), StandardCharsets.US_ASCII);
        assertTrue(cont.startsWith("HTTP/1.1 100 Continue"), cont);
        return out;
    }
}
