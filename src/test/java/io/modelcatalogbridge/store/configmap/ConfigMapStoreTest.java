package io.modelcatalogbridge.store.configmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelcatalogbridge.serve.storage.WireRecords;
import io.modelcatalogbridge.store.DocumentCodec;
import io.modelcatalogbridge.store.StoreFullException;
import io.modelcatalogbridge.store.StoreNotReadyException;
import io.modelcatalogbridge.store.StoreResult;
import io.modelcatalogbridge.store.StoredDocument;
import io.modelcatalogbridge.testing.CapturedLog;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** ConfigMap backend behaviour beyond the contract: Go-format upgrade, scale, concurrent writers, re-sharding. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ConfigMapStoreTest {

    @Inject
    KubernetesClient client;

    private static String newNamespace(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private ConfigMapDocumentStore open(String ns, int shards) {
        ConfigMapDocumentStore s = new ConfigMapDocumentStore(
                client,
                new ConfigMapDocumentStore.Settings(
                        ns, "bac-import-model-shard-", shards, 786_432, "bac-import-model"));
        s.load();
        return s;
    }

    private void createLegacy(String ns) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/storage/go-bac-import-model.json")) {
            ConfigMap cm = client.getKubernetesSerialization().unmarshal(in, ConfigMap.class);
            client.configMaps().inNamespace(ns).resource(cm).create();
        }
    }

    @Test
    void goBridgeConfigMapIsServedAfterTheImageSwap() throws Exception {
        String ns = newNamespace("upgrade");
        createLegacy(ns);
        ConfigMapDocumentStore store;
        try (CapturedLog log = CapturedLog.of(LegacyImport.class)) {
            store = open(ns, 16);
            assertEquals(
                    List.of("imported 2 documents from the Go bridge's ConfigMap bac-import-model"
                            + " (left in place, marked imported)"),
                    log.at("INFO"));
        }

        assertEquals(List.of("granite_v3", "mnist_v1"), store.keys());
        StoredDocument mnist = store.fetch("mnist_v1").orElseThrow();
        byte[] expected;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/storage/go-mnist_v1.document.json")) {
            expected = in.readAllBytes();
        }
        assertEquals(
                new String(expected, StandardCharsets.UTF_8),
                new String(Base64.getDecoder().decode(mnist.body()), StandardCharsets.UTF_8));
        assertEquals("3f1c-loc", mnist.locationId());
        assertTrue(mnist.locationIdValid());
        assertEquals("1700000000000", mnist.lastUpdateTimeSinceEpoch());

        // The Go ConfigMap keeps its data (a downgrade still finds it) and is marked as imported.
        ConfigMap legacy =
                client.configMaps().inNamespace(ns).withName("bac-import-model").get();
        assertEquals(2, legacy.getBinaryData().size());
        assertNotNull(legacy.getMetadata().getAnnotations().get(LegacyImport.IMPORTED_ANNOTATION));

        // A key pruned after the upgrade does not come back at the next start ...
        store.remove("mnist_v1");
        assertEquals(List.of("granite_v3"), open(ns, 16).keys());

        // ... unless a (downgraded) Go bridge wrote to its ConfigMap since: then its data is imported again.
        client.configMaps().inNamespace(ns).withName("bac-import-model").edit(c -> {
            c.getBinaryData().put("newer_v1", c.getBinaryData().get("granite_v3"));
            return c;
        });
        try (CapturedLog log = CapturedLog.of(LegacyImport.class)) {
            assertEquals(
                    List.of("granite_v3", "mnist_v1", "newer_v1"), open(ns, 16).keys());
            // granite_v3 was stored as it is: it is not counted as imported a second time.
            assertEquals(
                    List.of("imported 2 documents from the Go bridge's ConfigMap bac-import-model"
                            + " (left in place, marked imported), 1 already stored (the same or a newer version)"),
                    log.at("INFO"));
        }
    }

    @Test
    void theGoImportCountsOnlyTheRecordsItImported() throws Exception {
        String ns = newNamespace("import-count");
        createLegacy(ns);
        String granite = client.configMaps()
                .inNamespace(ns)
                .withName("bac-import-model")
                .get()
                .getBinaryData()
                .get("granite_v3");
        client.configMaps().inNamespace(ns).withName("bac-import-model").edit(c -> {
            // Records storage's grammar refuses (a key location cannot serve, a body that is not base64), and an
            // entry that is no storage record at all.
            c.getBinaryData().put("a_b_c", granite);
            c.getBinaryData()
                    .put(
                            "mnist_v3",
                            Base64.getEncoder()
                                    .encodeToString(DocumentCodec.encode(
                                            StoredDocument.of("@@ not base64 @@", "kubeflow", "1", null, null))));
            c.getBinaryData()
                    .put(
                            "broken_v1",
                            Base64.getEncoder().encodeToString("{\"body\":".getBytes(StandardCharsets.UTF_8)));
            return c;
        });

        try (CapturedLog importLog = CapturedLog.of(LegacyImport.class);
                CapturedLog storeLog = CapturedLog.of(ConfigMapDocumentStore.class)) {
            assertEquals(List.of("granite_v3", "mnist_v1"), openChecked(ns).keys());
            assertEquals(
                    List.of("imported 2 documents from the Go bridge's ConfigMap bac-import-model"
                            + " (left in place, marked imported), 3 skipped (see the WARN lines above)"),
                    importLog.at("INFO"));
            assertEquals(1, importLog.at("WARN").size(), String.join("\n", importLog.at("WARN")));
            assertTrue(importLog.at("WARN").get(0).contains("entry broken_v1 is not a storage record"));
            List<String> refused = storeLog.at("WARN");
            assertEquals(2, refused.size(), String.join("\n", refused));
            assertTrue(refused.stream()
                    .allMatch(w -> w.contains("ConfigMap bac-import-model, it breaks storage's grammar")));
        }
    }

    @Test
    void notReadyUntilTheGoConfigMapImportHasFinished() throws Exception {
        String ns = newNamespace("import-fails");
        createLegacy(ns);
        // Shards too small for the Go bridge's documents: the import cannot finish.
        ConfigMapDocumentStore store = new ConfigMapDocumentStore(
                client,
                new ConfigMapDocumentStore.Settings(ns, "bac-import-model-shard-", 16, 100, "bac-import-model"));

        assertThrows(StoreFullException.class, store::load);
        assertFalse(store.isLoaded(), "a load that did not finish its import leaves the store not ready");
        assertThrows(
                StoreNotReadyException.class,
                () -> store.upsert("a_b", StoredDocument.of("e30=", "kubeflow", "1", null, null)));
    }

    @Test
    void tenThousandDocumentsOfFourKibFitInShardsWellUnderOneMib() throws Exception {
        String ns = newNamespace("scale");
        ConfigMapDocumentStore store = open(ns, 256);
        byte[] doc = new byte[4096];
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<StoreResult>> results = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            int n = i;
            results.add(pool.submit(() -> {
                byte[] d = doc.clone();
                d[0] = (byte) n;
                d[1] = (byte) (n >> 8);
                return store.upsert(
                        "model" + n + "_v1",
                        StoredDocument.of(
                                Base64.getEncoder().encodeToString(d), "kubeflow", Integer.toString(n), null, null));
            }));
        }
        for (Future<StoreResult> f : results) {
            assertEquals(StoreResult.CREATED, f.get());
        }
        pool.shutdown();

        assertEquals(10_000, store.keys().size());
        ConfigMapDocumentStore restarted = open(ns, 256);
        assertEquals(10_000, restarted.keys().size());
        assertEquals(store.fetch("model1234_v1"), restarted.fetch("model1234_v1"));
        List<ConfigMap> shards = client.configMaps()
                .inNamespace(ns)
                .withLabel(ShardLayout.STORAGE_LABEL, ShardLayout.STORAGE_LABEL_VALUE)
                .list()
                .getItems();
        assertTrue(shards.size() > 1 && shards.size() <= 256, "shards: " + shards.size());
        for (ConfigMap cm : shards) {
            int size = cm.getData().get(ShardLayout.DATA_KEY).getBytes(StandardCharsets.UTF_8).length;
            assertTrue(size < 786_432, cm.getMetadata().getName() + " holds " + size + " bytes");
        }
    }

    @Test
    void fiftyConcurrentWritersInTwoProcessesLoseNothing() throws Exception {
        String ns = newNamespace("race");
        // Two store instances stand for two processes: their in-process locks do not see each other, so every
        // shard write races on resourceVersion. Four shards make the 50 writers collide constantly.
        ConfigMapDocumentStore a = open(ns, 4);
        ConfigMapDocumentStore b = open(ns, 4);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 50; w++) {
            int writer = w;
            ConfigMapDocumentStore s = w % 2 == 0 ? a : b;
            done.add(pool.submit(() -> {
                for (int j = 0; j < 10; j++) {
                    s.upsert(
                            "writer" + writer + "_doc" + j,
                            StoredDocument.of(enc("w" + writer + "-" + j), "kserve", "1", null, null));
                    // overlapping keys: everybody also rewrites the same ten keys
                    s.upsert("shared_doc" + j, StoredDocument.of(enc("w" + writer), "kserve", "1", null, null));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        ConfigMapDocumentStore fresh = open(ns, 4);
        assertEquals(510, fresh.keys().size());
        for (int w = 0; w < 50; w++) {
            for (int j = 0; j < 10; j++) {
                assertEquals(
                        enc("w" + w + "-" + j),
                        fresh.fetch("writer" + w + "_doc" + j).orElseThrow().body());
            }
        }
    }

    @Test
    void changingTheShardCountMovesRecordsHome() {
        String ns = newNamespace("reshard");
        ConfigMapDocumentStore four = open(ns, 4);
        for (int i = 0; i < 40; i++) {
            four.upsert("m" + i + "_v1", StoredDocument.of(enc("d" + i), "kubeflow", "1", null, null));
        }
        ConfigMapDocumentStore sixteen = open(ns, 16);
        assertEquals(40, sixteen.keys().size());
        ShardLayout layout = new ShardLayout("bac-import-model-shard-", 16);
        for (ConfigMap cm : client.configMaps()
                .inNamespace(ns)
                .withLabel(ShardLayout.STORAGE_LABEL, ShardLayout.STORAGE_LABEL_VALUE)
                .list()
                .getItems()) {
            Map<String, String> data = cm.getData();
            String json = data == null ? "{}" : data.getOrDefault(ShardLayout.DATA_KEY, "{}");
            for (int i = 0; i < 40; i++) {
                String key = "m" + i + "_v1";
                if (json.contains("\"" + key + "\"")) {
                    assertEquals(layout.shardNameOf(key), cm.getMetadata().getName(), key);
                }
            }
        }
        assertEquals(40, open(ns, 16).keys().size());
    }

    /**
     * Issue 11: loaders validate each record with storage's grammar and keep the newest of a key found twice. A
     * record edited into a shard by hand that storage's API would refuse is skipped with a WARN (shown escaped) and
     * left in its ConfigMap; of a key held by its home shard and by other shards the newest record is kept at home,
     * with a WARN, and the other shards drop it.
     */
    @Test
    void loaderSkipsRecordsThatBreakTheGrammarAndKeepsTheNewestOfAKeyInSeveralShards() throws Exception {
        String ns = newNamespace("grammar");
        ShardLayout layout = new ShardLayout("bac-import-model-shard-", 4);
        ConfigMapDocumentStore first = openChecked(ns);
        first.upsert("mnist_v1", StoredDocument.of(enc("{\"v\": 1}"), "kubeflow", "5", null, null));
        // Three other keys, so that three other shards exist to hold copies of mnist_v1.
        List<String> others = new ArrayList<>();
        for (int i = 0; others.size() < 3; i++) {
            String key = "other" + i + "_v1";
            String shard = layout.shardNameOf(key);
            if (!shard.equals(layout.shardNameOf("mnist_v1"))
                    && others.stream().noneMatch(o -> layout.shardNameOf(o).equals(shard))) {
                first.upsert(key, StoredDocument.of(enc("{}"), "kubeflow", "1", null, null));
                others.add(key);
            }
        }
        StoredDocument newest = StoredDocument.of(enc("{\"v\": 9}"), "kubeflow", "9", null, null);
        editShard(
                ns,
                layout.shardNameOf(others.get(0)),
                "mnist_v1",
                StoredDocument.of(enc("{\"v\": 2}"), "kubeflow", "2", null, null));
        editShard(ns, layout.shardNameOf(others.get(1)), "mnist_v1", newest);
        editShard(
                ns,
                layout.shardNameOf(others.get(2)),
                "mnist_v1",
                StoredDocument.of(enc("{\"v\": 0}"), "", "", null, null));
        String home = layout.shardNameOf("mnist_v1");
        editShard(ns, home, "a_b_c", StoredDocument.of(enc("{}"), "kubeflow", "1", null, null));
        editShard(ns, home, "mnist\u202e_v2", StoredDocument.of(enc("{}"), "kubeflow", "1", null, null));
        editShard(ns, home, "mnist_v3", StoredDocument.of("@@ not base64 @@", "kubeflow", "1", null, null));

        try (CapturedLog log = CapturedLog.of(ConfigMapDocumentStore.class)) {
            ConfigMapDocumentStore loaded = openChecked(ns);
            List<String> keys = new ArrayList<>(List.of("mnist_v1"));
            keys.addAll(others);
            assertEquals(keys.stream().sorted().toList(), loaded.keys());
            assertEquals(newest, loaded.fetch("mnist_v1").orElseThrow(), "the newest copy wins");
            List<String> warnings = log.at("WARN");
            assertEquals(4, warnings.size(), String.join("\n", warnings));
            for (String w : warnings) {
                assertTrue(w.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "only printable ASCII: " + w);
            }
            assertEquals(
                    3,
                    warnings.stream()
                            .filter(w -> w.contains("breaks storage's grammar"))
                            .count());
            assertTrue(warnings.stream().anyMatch(w -> w.contains("key mnist_v1 is held by") && w.contains("newest")));

            assertTrue(loaded.refresh().appeared().isEmpty());
            assertEquals(4, log.at("WARN").size(), "a refresh does not warn again");
        }
        for (String other : others) {
            assertFalse(shardJson(ns, layout.shardNameOf(other)).contains("\"mnist_v1\""), "copies leave " + other);
        }
        String homeJson = shardJson(ns, home);
        assertTrue(homeJson.contains("\"a_b_c\"") && homeJson.contains("\"mnist_v3\""), "skipped, not deleted");
        assertEquals(newest, openChecked(ns).fetch("mnist_v1").orElseThrow(), "after a restart");
    }

    /** A store as the storage role builds it: loaders apply storage's API grammar. */
    private ConfigMapDocumentStore openChecked(String ns) {
        ConfigMapDocumentStore s = new ConfigMapDocumentStore(
                client,
                new ConfigMapDocumentStore.Settings(ns, "bac-import-model-shard-", 4, 786_432, "bac-import-model"),
                WireRecords::checkLoaded);
        s.load();
        return s;
    }

    /** Puts a record into a shard's ConfigMap by hand, as an operator (or another program) might. */
    private void editShard(String ns, String shard, String key, StoredDocument doc) {
        client.configMaps().inNamespace(ns).withName(shard).edit(cm -> {
            try {
                Map<String, StoredDocument> docs = new TreeMap<>(DocumentCodec.decodeMap(payload(cm)));
                docs.put(key, doc);
                cm.setData(new HashMap<>(Map.of(ShardLayout.DATA_KEY, DocumentCodec.encodeMap(docs))));
                cm.setBinaryData(null);
                return cm;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private String shardJson(String ns, String shard) {
        return payload(client.configMaps().inNamespace(ns).withName(shard).get());
    }

    private static String payload(ConfigMap cm) {
        if (cm.getData() != null && cm.getData().containsKey(ShardLayout.DATA_KEY)) {
            return cm.getData().get(ShardLayout.DATA_KEY);
        }
        return new String(
                Base64.getDecoder().decode(cm.getBinaryData().get(ShardLayout.DATA_KEY)), StandardCharsets.UTF_8);
    }

    private static String enc(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
