package io.modelcatalogbridge.store.configmap;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelcatalogbridge.store.DocumentStore;
import io.modelcatalogbridge.store.DocumentStoreContractTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
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
