package io.modelcatalogbridge.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The all-in-one layout: one {@code java -jar ${app.jar} run} process hosting every role, handing documents over in
 * process, with location, storage and the normalizer's metrics on their own ports. Logs: {@code
 * target/e2e-chain-run*.log}.
 */
public final class RunTopology implements ChainTopology {

    private final int storagePort = ChildProcess.freePort();
    private final int locationPort = ChildProcess.freePort();
    private final int normalizerPort = ChildProcess.freePort();
    private final List<ChildProcess> started = new ArrayList<>();
    private ChainSettings settings;
    private ChildProcess process;
    private int restarts;

    @Override
    public String locationUrl() {
        return "http://127.0.0.1:" + locationPort;
    }

    @Override
    public String storageUrl() {
        return "http://127.0.0.1:" + storagePort;
    }

    @Override
    public void start(ChainSettings settings) {
        this.settings = settings;
        process = startProcess();
    }

    private ChildProcess startProcess() {
        // One process reads what the three would: the roles' environments never disagree on a shared variable.
        Map<String, String> env = new HashMap<>(settings.storageEnv(locationUrl()));
        env.putAll(settings.locationEnv(storageUrl()));
        env.putAll(settings.normalizerEnv(storageUrl(), locationUrl()));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(settings.jvmOptions());
        cmd.addAll(List.of(
                "-jar",
                ThreeProcessTopology.appJar(),
                "run",
                "--port",
                Integer.toString(locationPort),
                "--storage-port",
                Integer.toString(storagePort),
                "--normalizer-port",
                Integer.toString(normalizerPort)));
        ChildProcess p =
                ChildProcess.start("chain-run" + (restarts == 0 ? "" : "-" + restarts), cmd, env, Path.of("."));
        started.add(p);
        return p;
    }

    /** One process: stopping the normalizer stops everything; File storage and location come back with it. */
    @Override
    public void restartNormalizer(Runnable whileDown) {
        process.close();
        started.remove(process);
        whileDown.run();
        restarts++;
        process = startProcess();
        for (String url : readinessUrls()) {
            ChainProbe.awaitReady(url, process);
        }
    }

    @Override
    public List<String> readinessUrls() {
        return List.of(
                locationUrl() + "/q/health/ready",
                storageUrl() + "/q/health/ready",
                "http://127.0.0.1:" + normalizerPort + "/q/health/ready");
    }

    @Override
    public List<ChildProcess> processes() {
        return List.copyOf(started);
    }

    @Override
    public void close() {
        started.forEach(ChildProcess::close);
    }
}
