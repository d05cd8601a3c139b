package io.modelcatalogbridge.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcatalogbridge.source.kfmr.RegistryContents;
import io.modelcatalogbridge.testing.StubModelRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Level-triggered sync through the real roles over HTTP (issue 10): {@code storage}, {@code location} and
 * {@code normalizer} as three processes of the packaged application, a stub model registry serving real KFMR shapes
 * (two items a page). Whatever happens to storage behind its back — restarted empty, a file or shard deleted, a backup
 * restored, a stray {@code POST /currentkeyset?key=}, a poisoned stored time — the next full syncs make storage hold
 * the registry's documents again, and location serves what storage holds. A registry that reads empty once removes
 * nothing; one that stays empty is believed after three full syncs. The backend (File store, ConfigMap store on the
 * fabric8 mock API server) is the subclass's choice; every step waits for observable state, never for time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ConvergenceScenario {

    static final String STORAGE_TOKEN = "convergence-storage-token";
    static final String BRIDGE_TOKEN = "convergence-bridge-token";
    static final String REGISTRY_TOKEN = "convergence-kfmr-token";
    static final Duration STEP = Duration.ofSeconds(60);

    /** What storage holds behind the storage role's back, and how to damage it. */
    interface Backend extends AutoCloseable {
        /** Storage's environment for this backend (on top of the common one). */
        Map<String, String> storageEnv();

        /** Everything gone: the folder wiped, every shard deleted. */
        void wipe();

        /** The file, or the whole shard, that holds {@code key} deleted; the keys that went with it. */
        Set<String> deleteHolderOf(String key);

        /** What the backend holds now; running the answer restores it (an operator's restore from a backup). */
        Runnable backup();

        /** Rewrites the stored {@code lastUpdateTimeSinceEpoch} of a key in place (hand edit, old writer). */
        void setStoredTime(String key, String time);

        @Override
        void close();
    }

    protected abstract Backend newBackend(Path work);

    private Path work;
    private StubModelRegistry registry;
    private RegistryContents initial;
    private Backend backend;
    private ChainProbe probe;
    private final List<ChildProcess> started = new ArrayList<>();
    private ChildProcess storage;
    private ChildProcess normalizer;
    private final int storagePort = ChildProcess.freePort();
    private final int locationPort = ChildProcess.freePort();
    private final int normalizerPort = ChildProcess.freePort();
    private int storageStarts;
    /** The documents the registry's contents render to, by key (bodies as storage returns them). */
    private Map<String, String> expected;

    @BeforeAll
    void start() throws IOException {
        work = Path.of("target", "e2e-" + getClass().getSimpleName()).toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work.resolve("home"));
        initial = ChainRegistry.initial();
        registry = StubModelRegistry.start(initial);
        registry.requireToken(REGISTRY_TOKEN);
        backend = newBackend(work);
        probe = new ChainProbe(null, storageUrl(), STORAGE_TOKEN);
        ChildProcess location = role("location", locationPort, locationEnv());
        started.add(location);
        normalizer = role("normalizer", normalizerPort, normalizerEnv());
        started.add(normalizer);
        // Storage is not there yet: full syncs run (the registry reads fine) but reach no storage, so not ready.
        await("a full sync that could not reach storage")
                .until(() -> readiness().contains("storage failed"));
        HttpResponse<String> notReady = probe.get(normalizerUrl() + "/q/health/ready", null);
        assertEquals(503, notReady.statusCode(), notReady.body());
        assertTrue(notReady.body().contains("no full sync has reached storage yet"), notReady.body());
        startStorage();
        ChainProbe.awaitReady(storageUrl() + "/q/health/ready", storage);
        ChainProbe.awaitReady(locationUrl() + "/q/health/ready", location);
        ChainProbe.awaitReady(normalizerUrl() + "/q/health/ready", normalizer);
    }

    @AfterAll
    void stop() {
        ChildProcess.stopAll(started, backend, registry);
    }

    @Test
    @Order(1)
    void theRegistrysDocumentsReachStorageAndLocation() {
        await("first sync").until(() -> storageDocuments().size() >= 4);
        expected = awaitStable();
        assertTrue(expected.size() >= 4, expected.keySet().toString());
        awaitLocationServesStorage();
    }

    @Test
    @Order(2)
    void storageRestartedEmptyIsRefilledAtTheNextFullSync() {
        int repairs = repairLines();
        restartStorage(backend::wipe);
        await("storage refilled").until(() -> storageDocuments().equals(expected));
        awaitLocationServesStorage();
        await("the sync summary says what was repaired").until(() -> repairLines() > repairs);
    }

    @Test
    @Order(3)
    void aDeletedFileOrShardIsRepaired() {
        String victim = expected.keySet().iterator().next();
        Set<String> lost = backend.deleteHolderOf(victim);
        assertTrue(lost.contains(victim), lost.toString());
        await("deleted " + lost + " repaired").until(() -> storageDocuments().equals(expected));
        awaitLocationServesStorage();
    }

    @Test
    @Order(4)
    void aRestoredBackupWithOlderContentIsReplaced() {
        Runnable restoreLastWeek = backend.backup();
        registry.mutate(ChainRegistry.setVersionProperties("2", Map.of("Owner", "restored-backup-test")));
        await("registry edit stored")
                .until(() -> storageDocuments().values().stream().anyMatch(d -> d.contains("restored-backup-test")));
        expected = awaitStable();
        int repairs = repairLines();

        restartStorage(restoreLastWeek); // storage comes back with last week's content

        await("backup content replaced").until(() -> storageDocuments().equals(expected));
        await("reported as repaired, not as unchanged").until(() -> repairLines() > repairs);
        awaitLocationServesStorage();
    }

    @Test
    @Order(5)
    void aStrayEmptyKeySetIsUndoneAtTheNextFullSync() {
        HttpResponse<String> r = storagePost("/currentkeyset?key=");
        assertEquals(200, r.statusCode(), r.body());
        await("refilled after the stray key set").until(() -> storageDocuments().equals(expected));
        awaitLocationServesStorage();
    }

    @Test
    @Order(6)
    void aPoisonedStoredTimeNoLongerPinsTheKey() {
        String key = expected.keySet().iterator().next();
        int repairs = repairLines();
        backend.setStoredTime(key, "9223372036854775807");
        // Until storage re-reads its backend it still serves the old record, whose time is valid: a valid time alone
        // does not show the repair (on a busy machine the re-read then came during the next step, which saw the key
        // gone). Storage refuses the poisoned record at its re-read and stops holding the key; the normalizer's next
        // full sync sends it again and reports it as repaired. An empty time means storage does not hold the key.
        await("poisoned time repaired")
                .until(() -> repairLines() > repairs
                        && storageRecord(key)
                                .path("lastUpdateTimeSinceEpoch")
                                .asText()
                                .matches("[0-9]{1,13}"));
        assertEquals(expected, storageDocuments());
    }

    @Test
    @Order(7)
    void aRegistryReadingEmptyOnceRemovesNothing() {
        // Start from a storage that holds every document, so the held removal is "all of them".
        await("storage holds every document").until(() -> storageDocuments().equals(expected));
        int before = lastFullSync();
        String held = "holding the removal of " + expected.size() + " of " + expected.size() + " documents of source "
                + ChainRegistry.REGISTRY_ID;
        assertFalse(normalizer.output().contains(held), "no removal held before the registry reads empty");
        registry.faults().emptyTimes("/registered_models", 1);
        // The guard logs while its sync runs; readiness names the last completed full sync. Wait for both, so heldAt
        // is the held sync or a later one (not the sync before it, still named while the held one runs).
        await("removal held").until(() -> normalizer.output().contains(held) && lastFullSync() > before);
        int heldAt = lastFullSync();
        // Two more full syncs started after the registry answered normally again: still everything there.
        await("two full syncs later").until(() -> lastFullSync() >= heldAt + 2);
        assertEquals(expected, storageDocuments());
        assertFalse(normalizer.output().contains("removing " + expected.size()), "nothing removed");
        awaitLocationServesStorage();
    }

    @Test
    @Order(8)
    void aRegistryStayingEmptyIsBelievedAfterThreeFullSyncs() {
        registry.mutate(c -> new RegistryContents(
                c.registryId(), List.of(), List.of(), Map.of(), List.of(), List.of(), c.catalogModels()));
        // The key set goes to storage during the third full sync; its summary (and the "removing" line) is logged
        // when that sync ends, so on a busy machine storage can read empty before the line is there. Wait for both.
        String applied = "seen in 3 consecutive full syncs";
        await("removal applied and logged")
                .until(() -> storageDocuments().isEmpty() && normalizer.output().contains(applied));
        String log = normalizer.output();
        int heldTwice = log.indexOf("seen in 2 of 3");
        assertTrue(heldTwice >= 0, "held twice first");
        assertTrue(heldTwice < log.indexOf(applied), "held twice before it was applied");
        await("location empty").until(() -> locationDocuments().isEmpty());
    }

    // ---- helpers ----

    /** Stops storage, runs {@code whileDown} on its backend, starts it again on the same port, waits until ready. */
    private void restartStorage(Runnable whileDown) {
        storage.close();
        started.remove(storage);
        whileDown.run();
        startStorage();
        ChainProbe.awaitReady(storageUrl() + "/q/health/ready", storage);
    }

    /** Sync summaries that reported repairs so far. */
    private int repairLines() {
        return (int) normalizer
                .output()
                .lines()
                .filter(l -> l.contains("repaired (storage had lost or changed them)"))
                .count();
    }

    private void startStorage() {
        Map<String, String> env = common();
        env.put("BRIDGE_URL", locationUrl());
        env.put("BRIDGE_TOKEN", BRIDGE_TOKEN);
        env.putAll(backend.storageEnv());
        storage = role("storage" + (storageStarts++ == 0 ? "" : "-" + storageStarts), storagePort, env);
        started.add(0, storage);
    }

    private Map<String, String> locationEnv() {
        Map<String, String> env = common();
        env.put("STORAGE_URL", storageUrl());
        env.put("BRIDGE_TOKEN", BRIDGE_TOKEN);
        env.put("BRIDGE_LOCATION_RECONCILE_INTERVAL", "2s");
        return env;
    }

    private Map<String, String> normalizerEnv() {
        Map<String, String> env = common();
        env.put("MODEL_REGISTRY_URLS", ChainRegistry.REGISTRY_ID + "=" + registry.url());
        env.put("MODEL_CATALOG_URL", registry.url());
        env.put("KFMR_TOKEN", REGISTRY_TOKEN);
        env.put("KFMR_PAGE_SIZE", "2");
        env.put("POLLING_INTERVAL", "1s");
        env.put("STORAGE_URL", storageUrl());
        env.put("KSERVE_WATCH", "false");
        return env;
    }

    private ChildProcess role(String name, int port, Map<String, String> env) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ChildProcess.roleJvmOptions(work));
        cmd.addAll(AppClassArchive.jvmOptions());
        String role = name.replaceAll("-\\d+$", "");
        cmd.addAll(List.of("-jar", ThreeProcessTopology.appJar(), role, "--port", Integer.toString(port)));
        return ChildProcess.start(getClass().getSimpleName() + "-" + name, cmd, env, Path.of("."));
    }

    /** Every role: storage's token, loopback only, no Kubernetes unless the backend gives storage some. */
    private Map<String, String> common() {
        Map<String, String> env = ChildProcess.isolatedEnv(work);
        env.put("STORAGE_TOKEN", STORAGE_TOKEN);
        return env;
    }

    private String storageUrl() {
        return "http://127.0.0.1:" + storagePort;
    }

    private String locationUrl() {
        return "http://127.0.0.1:" + locationPort;
    }

    private String normalizerUrl() {
        return "http://127.0.0.1:" + normalizerPort;
    }

    /** What storage serves: every key's document bytes (a key removed between list and fetch is left out). */
    private Map<String, String> storageDocuments() {
        Map<String, String> out = new TreeMap<>();
        for (String key : probe.storageKeys()) {
            JsonNode record = storageRecord(key);
            if (record.has("body")) {
                out.put(
                        key,
                        new String(
                                Base64.getDecoder().decode(record.path("body").asText()), UTF_8));
            }
        }
        return out;
    }

    private JsonNode storageRecord(String key) {
        HttpResponse<String> r = probe.get(storageUrl() + "/fetch?key=" + URLEncoder.encode(key, UTF_8), STORAGE_TOKEN);
        assertTrue(r.statusCode() == 200 || r.statusCode() == 404, r.statusCode() + ": " + r.body());
        return probe.tree(r.body());
    }

    private HttpResponse<String> storagePost(String pathAndQuery) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(storageUrl() + pathAndQuery))
                                    .header("Authorization", "Bearer " + STORAGE_TOKEN)
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What location serves through the Go-era contract: every listed document's bytes. */
    private Set<String> locationDocuments() {
        Set<String> out = new TreeSet<>();
        for (String uri : probe.goEraUris(locationUrl(), BRIDGE_TOKEN)) {
            HttpResponse<byte[]> r = probe.getBytes(locationUrl() + uri, BRIDGE_TOKEN);
            assertEquals(200, r.statusCode(), uri);
            out.add(new String(r.body(), UTF_8));
        }
        return out;
    }

    /** Location converges to storage: it lists and serves exactly the documents storage holds. */
    private void awaitLocationServesStorage() {
        await("location serves what storage holds")
                .until(() -> locationDocuments()
                        .equals(new TreeSet<>(storageDocuments().values())));
    }

    /** Storage's documents once a full sync that started after now has finished (nothing in flight changes them). */
    private Map<String, String> awaitStable() {
        int now = lastFullSync();
        await("a full sync after now").until(() -> lastFullSync() >= now + 2);
        return storageDocuments();
    }

    private int lastFullSync() {
        return probe.lastFullSync(normalizerUrl());
    }

    private String readiness() {
        return probe.normalizerReadiness(normalizerUrl());
    }

    private ConditionFactory await(String what) {
        return ChildProcess.awaitWhileAlive(what, STEP, Duration.ofMillis(250), started);
    }

    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
