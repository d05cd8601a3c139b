package io.modelcatalogbridge.e2e;

import io.modelcatalogbridge.testing.AppProcess;
import io.modelcatalogbridge.testing.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionFactory;

/**
 * A process an end-to-end test starts: output to {@code target/e2e-<name>.log}, stopped with its whole process
 * tree (npm and node spawn children of their own).
 */
public final class ChildProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** {@code env} is added to this process's environment; a {@code null} value removes that variable. */
    public static ChildProcess start(String name, List<String> command, Map<String, String> env, Path workDir) {
        Path log = logFile(name);
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        try {
            return new ChildProcess(name, pb.start(), log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    /** Runs a command to completion; fails with the end of its log when it fails or takes too long. */
    public static void run(String name, List<String> command, Map<String, String> env, Path workDir, long minutes) {
        try (ChildProcess p = start(name, command, env, workDir)) {
            if (!p.process.waitFor(Waits.scaled(Duration.ofMinutes(minutes)).toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(
                        name + " did not finish within " + minutes + " min (times the wait factor); see " + p.log);
            }
            if (p.process.exitValue() != 0) {
                throw new IllegalStateException(name + " failed with exit code " + p.process.exitValue() + "; see "
                        + p.log + ":\n" + p.tail(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " interrupted");
        }
    }

    public static Path logFile(String name) {
        Path dir = Path.of("target");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve("e2e-" + name + ".log").toAbsolutePath();
    }

    /**
     * The environment every role process of these tests starts from, under {@code work}: loopback only and no
     * Kubernetes anywhere — a KUBECONFIG that names no file, a home without {@code .kube/config}, and the in-cluster
     * variables removed ({@code null}, see {@link #start}) in case the machine running the test has them.
     */
    public static Map<String, String> isolatedEnv(Path work) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("HOME", home(work).toString());
        env.put("KUBECONFIG", work.resolve("no-such-kubeconfig").toString());
        env.put("KUBERNETES_SERVICE_HOST", null);
        env.put("KUBERNETES_MASTER", null);
        env.put("K8S_TOKEN", null);
        env.put("token", null);
        return env;
    }

    /**
     * JVM options every role process gets: a small heap and C1 only (2 shared cores), and the home of
     * {@link #isolatedEnv} as {@code user.home} (which comes from the password database, not from {@code HOME}).
     */
    public static List<String> roleJvmOptions(Path work) {
        return List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Duser.home=" + home(work));
    }

    private static Path home(Path work) {
        return work.resolve("home");
    }

    /** A port nobody listens on right now (on 127.0.0.1). */
    public static int freePort() {
        return AppProcess.freePort();
    }

    /**
     * A wait of at most {@code ceiling} (times the wait factor) that fails at once, with its log's end, when one of
     * {@code watched} exits ({@code watched} is read at every poll, so a live view may change meanwhile).
     */
    public static ConditionFactory awaitWhileAlive(
            String what, Duration ceiling, Duration poll, Iterable<ChildProcess> watched) {
        return Waits.await(what, ceiling).pollInterval(poll).failFast(() -> {
            for (ChildProcess p : watched) {
                if (!p.alive()) {
                    throw new AssertionError(p + " exited:\n" + p.tail(40));
                }
            }
        });
    }

    /**
     * Test clean-up: stops {@code processes} last-started first (a normalizer before the storage it writes to), then
     * closes {@code others} (mock servers, registries), each even when one before it failed.
     */
    public static void stopAll(List<ChildProcess> processes, AutoCloseable... others) {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        for (AutoCloseable c : others) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** The log so far. */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** The last lines of the log, for failure messages. */
    public String tail(int lines) {
        List<String> all = output().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** {@code kill -9}: no shutdown hook, no drain, nothing flushed; returns once the process is gone. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            if (!process.waitFor(Waits.seconds(30).toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    /**
     * SIGTERM, then up to {@code ceiling} (times the wait factor) for the process to exit by itself, SIGKILL after
     * that; whether it exited by itself.
     */
    public boolean stop(Duration ceiling) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (process.waitFor(Waits.scaled(ceiling).toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(Waits.seconds(10).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Override
    public String toString() {
        return name;
    }
}
