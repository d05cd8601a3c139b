package io.modelcatalogbridge.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.modelcatalogbridge.serve.location.ExampleDocuments;
import io.modelcatalogbridge.store.DocumentCodec;
import io.modelcatalogbridge.store.StoredDocument;
import io.modelcatalogbridge.store.configmap.ConfigMapDocumentStore;
import io.modelcatalogbridge.store.configmap.ShardLayout;
import io.modelcatalogbridge.testing.StubModelRegistry;
import io.modelcatalogbridge.testing.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Kubernetes faults (issue 11) on fabric8's mock API server in CRUD mode, with {@link ApiFaults} in front: storage
 * (ConfigMap store, two shards) and the normalizer (watching KServe) as processes of the packaged application, both
 * given the mock API by a kubeconfig. Faults: ConfigMap update conflicts (injected 409s, and a second writer — another
 * storage replica — writing the same shards at the same time), the API unavailable ({@code 503}) and refusing
 * connections for a while, and watches closed by the server. Promises: no write storage acknowledged is lost, none of
 * the second writer's either; storage refuses writes while the API is away and takes them again when it is back,
 * without a restart; the KServe watch resumes, and KServe changes made after each fault reach storage. Full syncs
 * run once, at start ({@code POLLING_INTERVAL=10m}), so whatever reaches storage later came by the watch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubernetesFaultsIT {

    static final String NAMESPACE = "bridge";
    static final String STORAGE_TOKEN = "kube-faults-storage-token";
    static final String REGISTRY_TOKEN = "kube-faults-kfmr-token";
    static final String PREFIX = "bac-import-model-shard-";
    static final int SHARDS = 2;
    static final Duration STEP = Duration.ofSeconds(60);
    static final String OUTAGE_BODY = b64("{\"outage\":true}");
    /** The two KServe kinds the normalizer watches, by resource name: each watch must resume on its own. */
    static final List<String> KSERVE_RESOURCES = List.of("inferenceservices", "llminferenceservices");

    private final AtomicReference<ApiFaults> faults = new AtomicReference<>();
    /** Every write storage acknowledged over its API: key → body (base64). */
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    /** Every write the second writer made (its store returned): key → body. */
    private final Map<String, String> secondWriter = new ConcurrentHashMap<>();

    private final AtomicInteger writes = new AtomicInteger();
    private final List<ChildProcess> started = new ArrayList<>();
    private MockCluster cluster;
    private StubModelRegistry registry;
    private ChainProbe probe;
    private final int storagePort = ChildProcess.freePort();
    private final int normalizerPort = ChildProcess.freePort();

    @BeforeAll
    void start() throws IOException {
        Path work = Path.of("target", "e2e-" + getClass().getSimpleName()).toAbsolutePath();
        ConvergenceScenario.deleteTree(work);
        Files.createDirectories(work.resolve("home"));
        cluster = MockCluster.withFaults(crud -> {
            faults.set(new ApiFaults(crud, MockCluster.BRIDGE_TOKEN));
            return faults.get();
        });
        cluster.installKServeCrds();
        Path kubeconfig = cluster.writeKubeconfig(work.resolve("kubeconfig"));
        registry = StubModelRegistry.start(ExampleDocuments.SNAPSHOT);
        registry.requireToken(REGISTRY_TOKEN);
        ChainSettings settings = new ChainSettings(
                registry.url(),
                REGISTRY_TOKEN,
                "http://127.0.0.1:" + ChildProcess.freePort() + "/no-jwks",
                "model-catalog-bridge-kube-faults",
                "kube-faults-bridge-token",
                STORAGE_TOKEN,
                "10m",
                100,
                work,
                Map.of("KUBECONFIG", kubeconfig.toString()));
        Map<String, String> storageEnv = settings.storageEnv("http://127.0.0.1:" + ChildProcess.freePort());
        storageEnv.putAll(Map.of(
                "STORAGE_TYPE",
                "ConfigMap",
                "NAMESPACE",
                NAMESPACE,
                "KUBECONFIG",
                kubeconfig.toString(),
                "BRIDGE_STORAGE_CONFIGMAP_SHARDS",
                Integer.toString(SHARDS),
                "BRIDGE_FORWARD_ENABLED",
                "false"));
        started.add(role("storage", storagePort, settings, storageEnv));
        started.add(role(
                "normalizer", normalizerPort, settings, settings.normalizerEnv(storageUrl(), "http://127.0.0.1:1")));
        probe = new ChainProbe(null, storageUrl(), STORAGE_TOKEN);
        ChainProbe.awaitReady(storageUrl() + "/q/health/ready", started.get(0));
        ChainProbe.awaitReady("http://127.0.0.1:" + normalizerPort + "/q/health/ready", started.get(1));
        await("the registry's documents in storage")
                .until(() -> probe.storageKeys().contains("mnist_v1"));
        for (String resource : KSERVE_RESOURCES) {
            await("the " + resource + " watch open").until(() -> faults.get().watchesOpened(resource) > 0);
        }
    }

    @AfterAll
    void stop() {
        ChildProcess.stopAll(started, cluster, registry);
    }

    @Test
    @Order(1)
    void updateConflictsLoseNoWriteOfEitherWriter() throws Exception {
        ApiFaults f = faults.get();
        f.conflictNextUpdates(25);
        // Another storage replica: its own store on the same shards. Its in-process locks do not see storage's, so
        // every write of one races the other's on the shard's resourceVersion.
        ConfigMapDocumentStore replica = new ConfigMapDocumentStore(
                cluster.client(),
                new ConfigMapDocumentStore.Settings(NAMESPACE, PREFIX, SHARDS, 786_432, "bac-import-model"));
        replica.load();
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Throwable> replicaFailed = new AtomicReference<>();
        Thread second = new Thread(
                () -> {
                    try {
                        go.await();
                        for (int i = 0; i < 40; i++) {
                            String key = "replica_doc" + i;
                            String body = b64("{\"replica\":" + i + "}");
                            replica.upsert(key, StoredDocument.of(body, "kserve", "1", null, null));
                            secondWriter.put(key, body);
                        }
                    } catch (Throwable t) {
                        replicaFailed.set(t);
                    }
                },
                "second-writer");
        second.start();
        go.countDown();
        for (int i = 0; i < 40; i++) {
            upsert("conflict_doc" + i);
        }
        second.join(Waits.ceiling().toMillis());
        assertTrue(replicaFailed.get() == null, "the second writer failed: " + replicaFailed.get());
        assertEquals(40, secondWriter.size());
        assertEquals(25, f.injectedConflicts(), "every injected conflict was met and retried");
        assertTrue(
                acknowledged.keySet().stream()
                                .filter(k -> k.startsWith("conflict_"))
                                .count()
                        == 40,
                "storage acknowledged every write despite the conflicts: " + acknowledged.size());
        noWriteLost();
        System.out.printf(
                "KubernetesFaultsIT: %d injected 409s, %d resourceVersion 409s between the two writers%n",
                f.injectedConflicts(), f.resourceVersionConflicts());
    }

    @Test
    @Order(2)
    void anUnavailableApiServerLosesNothingAndTheWatchResumesAfterIt() throws Exception {
        ApiFaults f = faults.get();
        int registryCalls = registry.requests().size();
        Map<String, Integer> opened = kserveWatchesOpened();
        f.unavailable(true);
        CompletableFuture<HttpResponse<String>> during;
        try {
            // A write while the API is down. Storage's Kubernetes client retries it for a while, so it may end
            // either way: refused (503, never a 500) or, once the API is back, acknowledged — and then stored.
            during = CompletableFuture.supplyAsync(() -> upsertAnswer("outage_doc", OUTAGE_BODY));
            // The outage lasts until each of the normalizer's KServe watches, cut by it, has been refused twice.
            for (String resource : KSERVE_RESOURCES) {
                await("the " + resource + " watch refused while the API is down")
                        .until(() -> f.refusedWatchRequests(resource) >= 2);
            }
        } finally {
            f.unavailable(false);
        }
        HttpResponse<String> answer = during.get(Waits.seconds(120).toMillis(), TimeUnit.MILLISECONDS);
        if (answer.statusCode() / 100 == 2) {
            acknowledged.put("outage_doc", OUTAGE_BODY);
        } else {
            assertEquals(503, answer.statusCode(), "a write storage could not make: " + answer.body());
            assertTrue(answer.body().contains("Kubernetes API unavailable"), answer.body());
        }
        writesAgain("afteroutage_doc");
        bothKServeWatchesResumeAndCarryNewDeployments(opened, "after-outage");
        assertEquals(registryCalls, registry.requests().size(), "by the watch, not by a full sync");
        noWriteLost();
    }

    @Test
    @Order(3)
    void watchesClosedByTheServerResume() {
        ApiFaults f = faults.get();
        int registryCalls = registry.requests().size();
        Map<String, Integer> opened = kserveWatchesOpened();
        assertTrue(f.closeWatches() >= KSERVE_RESOURCES.size(), "not every KServe watch was open");
        bothKServeWatchesResumeAndCarryNewDeployments(opened, "after-close");
        assertEquals(registryCalls, registry.requests().size(), "by the watch, not by a full sync");
    }

    @Test
    @Order(4)
    void anApiServerRefusingConnectionsForAWhileLosesNothing() {
        int registryCalls = registry.requests().size();
        Map<String, Integer> opened = kserveWatchesOpened();
        cluster.outage(() -> {
            // Down until storage has refused a write: its Kubernetes client retries a refused connection for a while
            // (seconds) before giving up, so the outage lasts that long, and the watch is cut and cannot reconnect.
            HttpResponse<String> r = upsertAnswer("refused_doc", b64("{\"refused\":true}"));
            assertEquals(503, r.statusCode(), "a write without an API server: " + r.body());
            assertTrue(r.body().contains("Kubernetes API unavailable"), r.body());
        });
        writesAgain("afterrefused_doc");
        bothKServeWatchesResumeAndCarryNewDeployments(opened, "after-refused");
        assertEquals(registryCalls, registry.requests().size(), "by the watch, not by a full sync");
        noWriteLost();
    }

    // ---- helpers ----

    /** Every acknowledged write and every write of the second writer is in the shards, byte for byte. */
    private void noWriteLost() {
        Map<String, StoredDocument> inShards = shards();
        List<String> lost = new ArrayList<>();
        acknowledged.forEach((k, body) -> {
            StoredDocument d = inShards.get(k);
            if (d == null || !d.body().equals(body)) {
                lost.add(k);
            }
        });
        secondWriter.forEach((k, body) -> {
            StoredDocument d = inShards.get(k);
            if (d == null || !d.body().equals(body)) {
                lost.add("second writer's " + k);
            }
        });
        assertTrue(lost.isEmpty(), "lost updates: " + lost);
        for (String key : acknowledged.keySet()) {
            HttpResponse<String> r = probe.get(storageUrl() + "/fetch?key=" + key, STORAGE_TOKEN);
            assertEquals(200, r.statusCode(), key + ": " + r.body());
        }
    }

    private Map<String, StoredDocument> shards() {
        Map<String, StoredDocument> out = new TreeMap<>();
        for (ConfigMap cm : cluster.client()
                .configMaps()
                .inNamespace(NAMESPACE)
                .withLabel(ShardLayout.STORAGE_LABEL, ShardLayout.STORAGE_LABEL_VALUE)
                .list()
                .getItems()) {
            try {
                out.putAll(DocumentCodec.decodeMap(cm.getData().get(ShardLayout.DATA_KEY)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** Storage takes writes again (without a restart): an upsert is acknowledged, and remembered as such. */
    private void writesAgain(String key) {
        String body = b64("{\"again\":\"" + key + "\"}");
        await("storage writes again").untilAsserted(() -> {
            HttpResponse<String> r = upsertAnswer(key, body);
            assertEquals(2, r.statusCode() / 100, r.statusCode() + " " + r.body());
        });
        acknowledged.put(key, body);
    }

    /** One upsert through storage's API; a 2xx is remembered as acknowledged. */
    private void upsert(String key) {
        int n = writes.incrementAndGet();
        String body = b64("{\"write\":" + n + "}");
        HttpResponse<String> r = upsertAnswer(key, body);
        assertEquals(2, r.statusCode() / 100, key + ": " + r.body());
        acknowledged.put(key, body);
    }

    private HttpResponse<String> upsertAnswer(String key, String body) {
        String json = "{\"body\":\"" + body + "\",\"lastUpdateTimeSinceEpoch\":\"" + System.currentTimeMillis() + "\"}";
        // storage's client retries an absent API server: the answer may take up to two minutes
        return probe.postJson(storageUrl() + "/upsert?key=" + key, STORAGE_TOKEN, json, Duration.ofSeconds(120));
    }

    /** How many watches of each KServe kind the normalizer opened so far. */
    private Map<String, Integer> kserveWatchesOpened() {
        Map<String, Integer> out = new TreeMap<>();
        KSERVE_RESOURCES.forEach(r -> out.put(r, faults.get().watchesOpened(r)));
        return out;
    }

    /**
     * The watch of each KServe kind was opened again since {@code opened}, and a KServe-only InferenceService and
     * LLMInferenceService named {@code name}, created now, both reach storage (the callers check that no full sync
     * ran: what arrives came by the watches).
     */
    private void bothKServeWatchesResumeAndCarryNewDeployments(Map<String, Integer> opened, String name) {
        for (String resource : KSERVE_RESOURCES) {
            await("the " + resource + " watch reopened")
                    .until(() -> faults.get().watchesOpened(resource) > opened.get(resource));
        }
        deployKServeOnly(name);
        cluster.client()
                .genericKubernetesResources(MockCluster.LLM_ISVC)
                .inNamespace("llm-team")
                .resource(cluster.exampleLlmIsvc(name))
                .create();
        for (String key : List.of("risk-team_" + name, "llm-team_" + name)) {
            await(key + ", created after the fault, in storage")
                    .until(() -> probe.storageKeys().contains(key));
        }
    }

    /** A KServe-only InferenceService (no registry labels) in {@code risk-team}: its own document. */
    private void deployKServeOnly(String name) {
        GenericKubernetesResource isvc = cluster.exampleIsvc("fraud-scorer");
        isvc.getMetadata().setName(name);
        isvc.getMetadata().setUid(null);
        cluster.client()
                .genericKubernetesResources(MockCluster.ISVC)
                .inNamespace("risk-team")
                .resource(isvc)
                .create();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(UTF_8));
    }

    private String storageUrl() {
        return "http://127.0.0.1:" + storagePort;
    }

    private static ChildProcess role(String role, int port, ChainSettings settings, Map<String, String> env) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(settings.jvmOptions());
        cmd.addAll(List.of("-jar", ThreeProcessTopology.appJar(), role, "--port", Integer.toString(port)));
        return ChildProcess.start("kube-faults-" + role, cmd, env, Path.of("."));
    }

    private ConditionFactory await(String what) {
        return Waits.await(what, STEP).pollInterval(Duration.ofMillis(200)).failFast(() -> {
            for (ChildProcess p : started) {
                if (!p.alive()) {
                    throw new AssertionError(p + " exited:\n" + p.tail(40));
                }
            }
        });
    }
}
