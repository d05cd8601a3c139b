package io.modelcatalogbridge.store;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelcatalogbridge.kube.KubernetesPresence;
import io.modelcatalogbridge.kube.Namespaces;
import io.modelcatalogbridge.model.EpochMillis;
import io.modelcatalogbridge.store.configmap.ConfigMapDocumentStore;
import io.modelcatalogbridge.store.file.FileDocumentStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one place that picks the backend. The Kubernetes client is looked up lazily (only for the ConfigMap backend),
 * so the File backend never builds one. The chosen backend comes wrapped in the {@link StaleUpsertGuard}.
 */
@ApplicationScoped
public class DocumentStoreFactory {

    private final StoreConfig config;
    private final Instance<KubernetesClient> kubernetes;
    private final EpochMillis times;

    DocumentStoreFactory(
            StoreConfig config,
            Instance<KubernetesClient> kubernetes,
            @ConfigProperty(name = "bridge.timestamps.max-future-skew", defaultValue = "1h") Duration maxFutureSkew) {
        this.config = config;
        this.kubernetes = kubernetes;
        this.times = EpochMillis.system(maxFutureSkew);
    }

    /** How storage reads and judges {@code lastUpdateTimeSinceEpoch} ({@code TIMESTAMP_MAX_FUTURE_SKEW}). */
    public EpochMillis times() {
        return times;
    }

    /**
     * The backend type in effect.
     *
     * @throws IllegalArgumentException for an unsupported {@code STORAGE_TYPE}
     */
    public StorageType type() {
        return config.type()
                .filter(t -> !t.isBlank())
                .map(StorageType::parse)
                .orElseGet(() -> kubernetesConfigured() ? StorageType.CONFIG_MAP : StorageType.FILE);
    }

    /**
     * Builds the (guarded, not yet loaded) store; its loaders take only records {@code check} accepts (storage's
     * API grammar: what storage would refuse over its API never enters through a file or a ConfigMap either).
     */
    public StaleUpsertGuard create(RecordCheck check) {
        return new StaleUpsertGuard(
                switch (type()) {
                    case FILE -> new FileDocumentStore(config.file().directory(), check);
                    case CONFIG_MAP -> configMapStore(check);
                },
                times);
    }

    private DocumentStore configMapStore(RecordCheck check) {
        KubernetesClient client = kubernetes.get();
        StoreConfig.ConfigMapStore c = config.configmap();
        String ns = c.namespace()
                .filter(s -> !s.isBlank())
                .map(s -> Namespaces.require(
                        s.strip(),
                        "bridge.storage.configmap.namespace (NAMESPACE / POD_NAMESPACE)",
                        "storage keeps its ConfigMaps in one namespace; to watch several namespaces for KServe, set"
                                + " KSERVE_NAMESPACES"))
                .orElseGet(() -> client.getNamespace() == null ? "default" : client.getNamespace());
        return new ConfigMapDocumentStore(
                client,
                new ConfigMapDocumentStore.Settings(ns, c.prefix(), c.shards(), c.maxShardBytes(), c.legacyName()),
                check);
    }

    /** In-cluster service account, KUBECONFIG, ~/.kube/config, or the RHDH sidecar variables. */
    boolean kubernetesConfigured() {
        StoreConfig.Kube k = config.kube();
        return KubernetesPresence.configured(
                k.kubeconfig(),
                k.serviceHost(),
                k.sidecarToken(),
                k.serviceAccountToken(),
                Path.of(System.getProperty("user.home")));
    }
}
