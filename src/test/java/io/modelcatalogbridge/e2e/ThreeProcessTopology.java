package io.modelcatalogbridge.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The production layout: {@code storage}, {@code location} and {@code normalizer} as three processes of the
 * packaged application ({@code java -jar ${app.jar} <role> --port <p>}), talking over HTTP on 127.0.0.1.
 * Logs: {@code target/e2e-chain-<role>.log}.
 */
public final class ThreeProcessTopology implements ChainTopology {

    private final int storagePort = ChildProcess.freePort();
    private final int locationPort = ChildProcess.freePort();
    private final int normalizerPort = ChildProcess.freePort();
    private final List<ChildProcess> started = new ArrayList<>();
    private ChainSettings settings;
    private ChildProcess normalizer;
    private int restarts;

    @Override
    public String locationUrl() {
        return "http://127.0.0.1:" + locationPort;
    }

    @Override
    public String storageUrl() {
        return "http://127.0.0.1:" + storagePort;
    }

    private String normalizerUrl() {
        return "http://127.0.0.1:" + normalizerPort;
    }

    @Override
    public void start(ChainSettings settings) {
        start("storage", storagePort, settings, settings.storageEnv(locationUrl()));
        start("location", locationPort, settings, settings.locationEnv(storageUrl()));
        normalizer = start("normalizer", normalizerPort, settings, settings.normalizerEnv(storageUrl(), locationUrl()));
    }

    private ChildProcess start(String role, int port, ChainSettings settings, Map<String, String> env) {
        this.settings = settings;
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(settings.jvmOptions());
        cmd.addAll(List.of("-jar", appJar(), role, "--port", Integer.toString(port)));
        ChildProcess p =
                ChildProcess.start("chain-" + role + (restarts == 0 ? "" : "-" + restarts), cmd, env, Path.of("."));
        started.add(p);
        return p;
    }

    @Override
    public void restartNormalizer(Runnable whileDown) {
        ChildProcess old = normalizer;
        old.close();
        started.remove(old);
        whileDown.run();
        restarts++;
        normalizer = start("normalizer", normalizerPort, settings, settings.normalizerEnv(storageUrl(), locationUrl()));
        ChainProbe.awaitReady(normalizerUrl() + "/q/health/ready", normalizer);
    }

    static String appJar() {
        String jar = System.getProperty("app.jar");
        if (jar == null || !Path.of(jar).toFile().isFile()) {
            throw new IllegalStateException("packaged application not found (system property app.jar): " + jar);
        }
        return jar;
    }

    @Override
    public List<String> readinessUrls() {
        return List.of(
                storageUrl() + "/q/health/ready",
                locationUrl() + "/q/health/ready",
                normalizerUrl() + "/q/health/ready");
    }

    @Override
    public List<ChildProcess> processes() {
        return List.copyOf(started);
    }

    @Override
    public void close() {
        // Normalizer first, so it does not log storage errors while storage goes away.
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }
}
