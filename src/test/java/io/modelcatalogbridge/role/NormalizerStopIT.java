package io.modelcatalogbridge.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.modelcatalogbridge.testing.AppProcess;
import io.modelcatalogbridge.testing.StubModelRegistry;
import io.modelcatalogbridge.testing.Waits;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The normalizer stopped (SIGTERM) in the middle of a full sync, as Kubernetes stops a pod whenever it likes: the
 * sync is cancelled with one INFO line, the process exits 0, and nothing is logged as an ERROR (issue 11 found
 * "ArC container not initialized": the sync thread ran on into beans the shutdown had already destroyed). Both
 * halves of a sync are tried: reading a registry that does not answer, and publishing to a storage that does not.
 */
class NormalizerStopIT {

    @TempDir
    Path tmp;

    private final List<AutoCloseable> cleanUp = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : cleanUp) {
            c.close();
        }
    }

    @Test
    void stoppedWhileReadingARegistry() throws Exception {
        StubModelRegistry registry = StubModelRegistry.start(Path.of("examples/registry-snapshot"));
        cleanUp.add(registry);
        CountDownLatch release = new CountDownLatch(1);
        cleanUp.add(0, release::countDown);
        registry.faults().hangUntil("/registered_models", release);
        SilentServer storage = new SilentServer();
        cleanUp.add(storage);

        AppProcess normalizer = start(registry.url(), storage.url());
        Waits.await("the full sync waits for the registry").until(() -> registry.count("/registered_models") > 0);

        assertStopsCleanly(normalizer);
    }

    @Test
    void stoppedWhilePublishingToStorage() throws Exception {
        StubModelRegistry registry = StubModelRegistry.start(Path.of("examples/registry-snapshot"));
        cleanUp.add(registry);
        SilentServer storage = new SilentServer();
        cleanUp.add(storage);

        AppProcess normalizer = start(registry.url(), storage.url());
        Waits.await("the full sync waits for storage").until(() -> storage.accepted.get() > 0);

        assertStopsCleanly(normalizer);
    }

    private AppProcess start(String registryUrl, String storageUrl) throws Exception {
        AppProcess p = AppProcess.start(
                "normalizer",
                AppProcess.freePort(),
                Map.of(
                        "MODEL_REGISTRY_URLS", "example=" + registryUrl,
                        "STORAGE_URL", storageUrl,
                        // Longer than any wait of the test: the sync is still waiting when the signal comes.
                        "BRIDGE_NORMALIZER_STORAGE_TIMEOUT", Waits.config(Duration.ofMinutes(5)),
                        "BRIDGE_REGISTRY_REQUEST_TIMEOUT", Waits.config(Duration.ofMinutes(5)),
                        "KUBECONFIG", tmp.resolve("no-such-kubeconfig").toString()),
                tmp.resolve("normalizer.log"),
                List.of());
        cleanUp.add(p::kill);
        return p;
    }

    private static void assertStopsCleanly(AppProcess normalizer) throws Exception {
        assertEquals(0, normalizer.terminate(Waits.ceiling()), "exit code after SIGTERM, see " + normalizer.log);
        String log = Files.readString(normalizer.log);
        assertFalse(log.contains("ArC container not initialized"), log);
        assertFalse(log.contains("ERROR"), log);
        long cancelled = log.lines()
                .filter(l -> l.contains("INFO") && l.contains("cancelled: the normalizer is stopping"))
                .count();
        assertEquals(1, cancelled, "one INFO line says the sync was cancelled:\n" + log);
    }

    /** A storage that accepts connections and never answers: a sync publishing to it waits until it is stopped. */
    private static final class SilentServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0);
        private final List<Socket> held = new ArrayList<>();
        final AtomicInteger accepted = new AtomicInteger();

        SilentServer() throws Exception {
            Thread t = new Thread(
                    () -> {
                        while (!socket.isClosed()) {
                            try {
                                Socket s = socket.accept();
                                synchronized (held) {
                                    held.add(s);
                                }
                                accepted.incrementAndGet();
                            } catch (Exception closed) {
                                return;
                            }
                        }
                    },
                    "silent-storage");
            t.setDaemon(true);
            t.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            synchronized (held) {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }
}
