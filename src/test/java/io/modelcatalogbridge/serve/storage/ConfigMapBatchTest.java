package io.modelcatalogbridge.serve.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelcatalogbridge.model.EpochMillis;
import io.modelcatalogbridge.storageapi.StorageWire;
import io.modelcatalogbridge.store.StaleUpsertGuard;
import io.modelcatalogbridge.store.StoreResult;
import io.modelcatalogbridge.store.StoredDocument;
import io.modelcatalogbridge.store.configmap.ConfigMapDocumentStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A batch into the ConfigMap backend (the fabric8 mock API server in CRUD mode): every good document is in the
 * shards — a fresh store reading them back finds it — a bad one is refused, and location is told of each stored one.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ConfigMapBatchTest {

    @Inject
    KubernetesClient client;

    private ConfigMapDocumentStore open(String ns) {
        ConfigMapDocumentStore s = new ConfigMapDocumentStore(
                client, new ConfigMapDocumentStore.Settings(ns, "bac-import-model-shard-", 8, 786_432, ""));
        s.load();
        return s;
    }

    private static StorageWire.BatchUpsert entry(String key, String doc) {
        return new StorageWire.BatchUpsert(
                key,
                "kubeflow",
                Base64.getEncoder().encodeToString(doc.getBytes(StandardCharsets.UTF_8)),
                "7",
                null,
                null,
                "reg");
    }

    @Test
    void aBatchLandsInTheShardsAndRefusesOnlyTheBadDocument() {
        String ns = "batch-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, StoredDocument> told = new ConcurrentHashMap<>();
        DocumentListener location = new DocumentListener() {
            @Override
            public void changed(String key, StoredDocument doc, boolean contentChanged) {
                told.put(key, doc);
            }

            @Override
            public void removed(String key, StoredDocument removed) {
                told.remove(key);
            }
        };
        EpochMillis times = EpochMillis.systemDefault();
        StorageService service = new StorageService(new StaleUpsertGuard(open(ns), times), List.of(location), times);
        List<StorageWire.BatchUpsert> batch = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            batch.add(entry("m" + i + "_v1", "{\"n\":" + i + "}"));
        }
        batch.add(15, entry("a_b_c", "{\"bad\":true}"));

        List<StorageService.BatchItem> items = service.upsertAll(batch, 8 * 1024 * 1024);

        assertEquals(31, items.size());
        StorageService.BatchItem refused = items.get(15);
        assertEquals("a_b_c", refused.key());
        assertNull(refused.done());
        assertEquals(400, refused.status());
        assertEquals(
                30,
                items.stream()
                        .filter(i -> i.done() != null && i.done().result() == StoreResult.CREATED)
                        .count());
        assertEquals(30, told.size());

        ConfigMapDocumentStore reread = open(ns);
        assertEquals(30, reread.keys().size());
        assertEquals(
                "{\"n\":29}",
                new String(
                        Base64.getDecoder()
                                .decode(reread.fetch("m29_v1").orElseThrow().body()),
                        StandardCharsets.UTF_8));
    }
}
