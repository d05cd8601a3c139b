package io.modelcatalogbridge.store.configmap;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.modelcatalogbridge.store.DocumentStore;
import io.modelcatalogbridge.store.DocumentStoreContractTest;
import io.modelcatalogbridge.testing.Waits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The DocumentStore contract against the fabric8 mock API server in CRUD mode. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ConfigMapDocumentStoreTest extends DocumentStoreContractTest {

    @Inject
    KubernetesClient client;

    private String namespace;

    @Override
    protected DocumentStore newStore() {
        namespace = "contract-" + UUID.randomUUID().toString().substring(0, 8);
        return reopen().orElseThrow();
    }

    /** The shard ConfigMaps as they are; restoring deletes every shard and creates the saved ones again. */
    @Override
    protected Optional<Runnable> backup() {
        List<ConfigMap> saved = shards().list().getItems();
        return Optional.of(() -> {
            shards().delete();
            Waits.await("shards deleted").until(() -> shards().list().getItems().isEmpty());
            for (ConfigMap cm : saved) {
                cm.getMetadata().setResourceVersion(null);
                cm.getMetadata().setUid(null);
                client.configMaps().inNamespace(namespace).resource(cm).create();
            }
        });
    }

    private FilterWatchListDeletable<ConfigMap, ConfigMapList, Resource<ConfigMap>> shards() {
        return client.configMaps()
                .inNamespace(namespace)
                .withLabel(ShardLayout.STORAGE_LABEL, ShardLayout.STORAGE_LABEL_VALUE);
    }

    @Override
    protected Optional<DocumentStore> reopen() {
        DocumentStore s = new ConfigMapDocumentStore(
                client,
                new ConfigMapDocumentStore.Settings(
                        namespace, "bac-import-model-shard-", 16, 786_432, "bac-import-model"));
        s.load();
        return Optional.of(s);
    }
}
