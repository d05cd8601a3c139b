package io.modelcatalogbridge.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code java -jar ${app.jar} run} process (all roles, File storage, no Kubernetes) on free ports, as a test or a
 * benchmark starts it; or a one-shot command of the same application. Logs: {@code target/e2e-<name>.log}.
 *
 * @param process        the process
 * @param locationPort   location's port ({@code --port})
 * @param storagePort    storage's port
 * @param normalizerPort the normalizer's metrics and health port
 */
public record BridgeRun(ChildProcess process, int locationPort, int storagePort, int normalizerPort)
        implements AutoCloseable {

    /** Exit code and combined output of a one-shot command. */
    public record Result(int exitCode, String output) {}

    /**
     * Starts {@code run} with File storage under {@code work/<name>-storage}, location's URL as {@code BRIDGE_URL}
     * and {@code LOCATION_PUBLIC_URL}, then {@code env} on top.
     */
    public static BridgeRun start(String name, int locationPort, Path work, Map<String, String> env) {
        int storagePort = ChildProcess.freePort();
        int normalizerPort = ChildProcess.freePort();
        Map<String, String> all = ChildProcess.isolatedEnv(work);
        all.put("STORAGE_TYPE", "File");
        all.put("STORAGE_DIR", work.resolve(name + "-storage").toString());
        all.put("BRIDGE_URL", "http://127.0.0.1:" + locationPort);
        all.put("LOCATION_PUBLIC_URL", "http://127.0.0.1:" + locationPort);
        all.putAll(env);
        List<String> cmd = new ArrayList<>(javaCommand(work));
        cmd.addAll(List.of(
                "run",
                "--port",
                Integer.toString(locationPort),
                "--storage-port",
                Integer.toString(storagePort),
                "--normalizer-port",
                Integer.toString(normalizerPort)));
        return new BridgeRun(
                ChildProcess.start(name, cmd, all, Path.of(".")), locationPort, storagePort, normalizerPort);
    }

    /** Runs a one-shot command ({@code export}, {@code validate} …) to completion. */
    public static Result command(Path work, List<String> args, Map<String, String> env) {
        List<String> cmd = new ArrayList<>(javaCommand(work));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> all = ChildProcess.isolatedEnv(work);
        all.putAll(env);
        all.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        try {
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.waitFor(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until location, storage and the normalizer answer their readiness checks. */
    public void awaitReady() {
        for (String url : List.of(locationUrl(), storageUrl(), normalizerUrl())) {
            ChainProbe.awaitReady(url + "/q/health/ready", process);
        }
    }

    public String locationUrl() {
        return "http://127.0.0.1:" + locationPort;
    }

    public String storageUrl() {
        return "http://127.0.0.1:" + storagePort;
    }

    public String normalizerUrl() {
        return "http://127.0.0.1:" + normalizerPort;
    }

    @Override
    public void close() {
        process.close();
    }

    private static List<String> javaCommand(Path work) {
        List<String> cmd = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(ChildProcess.roleJvmOptions(work));
        cmd.addAll(AppClassArchive.jvmOptions());
        cmd.addAll(List.of("-jar", ThreeProcessTopology.appJar()));
        return cmd;
    }
}
