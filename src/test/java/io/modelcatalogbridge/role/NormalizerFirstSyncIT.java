package io.modelcatalogbridge.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.testing.AppProcess;
import io.modelcatalogbridge.testing.RecordingStorage;
import io.modelcatalogbridge.testing.StubModelRegistry;
import io.modelcatalogbridge.testing.Waits;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The normalizer's first full sync, as a sidecar starts it. The sidecars start together, so it often finds storage not
 * answering yet: with a polling interval of an hour, the normalizer must still become ready soon after storage does (a
 * full sync that did not reach storage is tried again after a short backoff, 1 s doubling, not at the next interval).
 * And a first read of a large registry is long (one artifacts call per version): documents of what was read go to
 * storage while the rest is still read.
 */
class NormalizerFirstSyncIT {

    private static final Pattern LAST_FULL_SYNC = Pattern.compile("last full sync (\\d+)");

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
    void aFullSyncThatDidNotReachStorageIsTriedAgainLongBeforeTheInterval() throws Exception {
        StubModelRegistry registry = StubModelRegistry.start(Path.of("examples/registry-snapshot"));
        cleanUp.add(registry);
        RecordingStorage storage = RecordingStorage.start();
        cleanUp.add(storage);
        storage.unavailable(true);

        AppProcess normalizer = start(registry, storage, Map.of());

        // Storage answers 503: the first full sync does not reach it, and a second one follows without waiting an hour.
        Waits.await("a second full sync while storage answers 503").until(() -> lastFullSync(normalizer) >= 2);
        HttpResponse<String> unready = normalizer.get("/q/health/ready");
        assertEquals(503, unready.statusCode(), unready.body());
        assertTrue(unready.body().contains("no full sync has reached storage yet"), unready.body());
        assertTrue(storage.documents().isEmpty());

        storage.unavailable(false);
        normalizer.awaitReady();
        assertFalse(storage.documents().isEmpty(), "the retried sync sent the registry's documents");
        String log = Files.readString(normalizer.log);
        assertTrue(
                log.contains("the full sync did not reach storage: the next one starts in 1s"),
                "the log says when the next try comes:\n" + log);
    }

    @Test
    void documentsOfWhatWasReadReachStorageWhileTheRestOfTheRegistryIsStillRead() throws Exception {
        StubModelRegistry registry = StubModelRegistry.start(Path.of("examples/registry-snapshot"));
        cleanUp.add(registry);
        // The example's live versions are 2, 7, 11 and 13 (one per model); the last one's artifacts do not come yet.
        CountDownLatch lastArtifacts = new CountDownLatch(1);
        cleanUp.add(0, lastArtifacts::countDown);
        registry.faults().hangUntil("/model_versions/13/artifacts", lastArtifacts);
        RecordingStorage storage = RecordingStorage.start();
        cleanUp.add(storage);

        AppProcess normalizer = start(
                registry,
                storage,
                Map.of(
                        "BRIDGE_NORMALIZER_PARTIAL_PUBLISH_EVERY",
                        "1",
                        "BRIDGE_REGISTRY_REQUEST_TIMEOUT",
                        Waits.config(Duration.ofMinutes(5))));

        Waits.await("documents in storage while version 13's artifacts are still awaited")
                .until(() -> storage.documents().size() >= 3 && registry.count("/model_versions/13/artifacts") == 1);
        assertEquals(503, normalizer.get("/q/health/ready").statusCode(), "not ready: the first sync is not done");
        assertFalse(storage.document("mnist_v1").isEmpty(), "model 1's document went ahead");

        lastArtifacts.countDown();
        normalizer.awaitReady();
        assertEquals(4, storage.documents().size(), "every live version: " + storage.keys());
        Map<String, Long> upsertsPerKey = new TreeMap<>();
        storage.calls().stream()
                .filter(c -> c.path().equals("/upsert"))
                .forEach(c -> upsertsPerKey.merge(c.query().get("key"), 1L, Long::sum));
        assertEquals(Set.of(1L), Set.copyOf(upsertsPerKey.values()), "each document sent once: " + upsertsPerKey);
    }

    /** A normalizer of the registry, sending to the storage, with a full sync an hour (only the first one counts). */
    private AppProcess start(StubModelRegistry registry, RecordingStorage storage, Map<String, String> more)
            throws IOException {
        Map<String, String> env = new TreeMap<>(more);
        env.put("MODEL_REGISTRY_URLS", "example=" + registry.url());
        env.put("STORAGE_URL", storage.url());
        env.put("POLLING_INTERVAL", "1h");
        env.put("KUBECONFIG", tmp.resolve("no-such-kubeconfig").toString());
        AppProcess normalizer =
                AppProcess.start("normalizer", AppProcess.freePort(), env, tmp.resolve("normalizer.log"), List.of());
        cleanUp.add(normalizer::kill);
        return normalizer;
    }

    /** The number of the last full sync in the readiness detail (0 before the first one ended). */
    private static long lastFullSync(AppProcess normalizer) throws InterruptedException {
        try {
            Matcher m = LAST_FULL_SYNC.matcher(normalizer.get("/q/health/ready").body());
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        } catch (IOException notListeningYet) {
            return 0;
        }
    }
}
