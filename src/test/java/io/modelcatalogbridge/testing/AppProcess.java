package io.modelcatalogbridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application as a child process ({@code java -jar ${app.jar} <role> --port <free>}), for tests that
 * need a real process: signals, kill -9, class loading, several roles talking over HTTP.
 */
public final class AppProcess {

    public final String role;
    public final int port;
    public final Process process;
    public final Path log;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Waits.seconds(5)).build();

    private AppProcess(String role, int port, Process process, Path log) {
        this.role = role;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    public static int freePort() {
        // The kernel may hand the same ephemeral port to two binds in a row once the first socket is closed: two roles
        // of one test were given one port (one then failed with "Address already in use"). Never twice per JVM.
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no port that was not handed out before in 100 attempts");
    }

    /** Ports {@link #freePort} returned in this test JVM. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /** The storage role (kept for the storage ITs). */
    public static AppProcess start(int port, Map<String, String> env, Path log) throws IOException {
        return start("storage", port, env, log, List.of());
    }

    /** Any command of the application; {@code jvmArgs} go before {@code -jar}. */
    public static AppProcess start(
            String role, int port, Map<String, String> env, Path log, List<String> jvmArgs, String... extraArgs)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m"));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-jar", System.getProperty("app.jar"), role, "--port", Integer.toString(port)));
        cmd.addAll(List.of(extraArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        return new AppProcess(role, port, pb.start(), log);
    }

    public String url(String pathAndQuery) {
        return "http://127.0.0.1:" + port + pathAndQuery;
    }

    public void awaitReady() {
        Waits.await(role + " ready", Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(role + " exited with " + process.exitValue() + ", see " + log);
                    }
                    try {
                        return get("/q/health/ready").statusCode() == 200;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url(path)))
                        .timeout(Waits.ceiling())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url(path)))
                        .timeout(Waits.ceiling())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends SIGTERM and waits for the exit; the exit code, or -1 if the process was still running after the wait. */
    public int terminate(Duration wait) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            return -1;
        }
        return process.exitValue();
    }

    /** Kills the process if it still runs (test clean-up). */
    public void kill() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
