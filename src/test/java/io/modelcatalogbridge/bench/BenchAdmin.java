package io.modelcatalogbridge.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The control port of a simulator process that a bench script drives with {@code curl}: {@code GET /<command>?k=v}
 * answers one line of text. The simulator writes its own URLs into a file the script reads, then serves until
 * killed.
 */
public final class BenchAdmin {

    private final HttpServer server;

    private BenchAdmin(HttpServer server) {
        this.server = server;
    }

    /** Starts the control port; each command maps the query parameters to the one-line answer. */
    public static BenchAdmin start(Map<String, Function<Map<String, String>, String>> commands) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        commands.forEach((name, command) -> server.createContext("/" + name, ex -> answer(ex, command)));
        server.start();
        return new BenchAdmin(server);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Writes {@code key=value} lines for the script ({@code source}-able) and waits until the process is killed. */
    public static void publishAndWait(Path file, Map<String, String> values) throws Exception {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, sb.toString());
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        Thread.currentThread().join();
    }

    private static void answer(HttpExchange ex, Function<Map<String, String>, String> command) throws IOException {
        try (ex) {
            String body;
            int status = 200;
            try {
                body = command.apply(query(ex.getRequestURI().getRawQuery())) + "\n";
            } catch (RuntimeException e) {
                status = 500;
                body = "error: " + e + "\n";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }
}
