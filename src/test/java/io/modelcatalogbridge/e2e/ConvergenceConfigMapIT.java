package io.modelcatalogbridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.modelcatalogbridge.store.configmap.ShardLayout;
import io.modelcatalogbridge.testing.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link ConvergenceScenario} with the ConfigMap store on the fabric8 mock API server (CRUD mode, in this JVM):
 * shards deleted, all of them deleted, or restored from a saved copy. Two shards, so one deleted shard takes several
 * documents with it.
 */
class ConvergenceConfigMapIT extends ConvergenceScenario {

    static final String NAMESPACE = "bridge";

    @Override
    protected Backend newBackend(Path work) {
        return new ShardBackend(MockCluster.start(), work.resolve("kubeconfig"));
    }

    private static final class ShardBackend implements Backend {
        private final ObjectMapper json = new ObjectMapper();
        private final MockCluster cluster;
        private final Path kubeconfig;

        ShardBackend(MockCluster cluster, Path kubeconfig) {
            this.cluster = cluster;
            this.kubeconfig = cluster.writeKubeconfig(kubeconfig);
        }

        @Override
        public Map<String, String> storageEnv() {
            return Map.of(
                    "STORAGE_TYPE",
                    "ConfigMap",
                    "NAMESPACE",
                    NAMESPACE,
                    "KUBECONFIG",
                    kubeconfig.toString(),
                    "BRIDGE_STORAGE_CONFIGMAP_SHARDS",
                    "2");
        }

        private FilterWatchListDeletable<ConfigMap, ConfigMapList, Resource<ConfigMap>> shards() {
            return cluster.client()
                    .configMaps()
                    .inNamespace(NAMESPACE)
                    .withLabel(ShardLayout.STORAGE_LABEL, ShardLayout.STORAGE_LABEL_VALUE);
        }

        @Override
        public void wipe() {
            shards().delete();
            Waits.await("shards deleted").until(() -> shards().list().getItems().isEmpty());
        }

        @Override
        public Set<String> deleteHolderOf(String key) {
            for (ConfigMap cm : shards().list().getItems()) {
                Set<String> keys = keysOf(cm);
                if (keys.contains(key)) {
                    cluster.client()
                            .configMaps()
                            .inNamespace(NAMESPACE)
                            .resource(cm)
                            .delete();
                    return keys;
                }
            }
            throw new AssertionError("no shard holds " + key);
        }

        @Override
        public Runnable backup() {
            List<ConfigMap> saved = shards().list().getItems();
            return () -> {
                wipe();
                for (ConfigMap cm : saved) {
                    cm.getMetadata().setResourceVersion(null);
                    cm.getMetadata().setUid(null);
                    cluster.client()
                            .configMaps()
                            .inNamespace(NAMESPACE)
                            .resource(cm)
                            .create();
                }
            };
        }

        @Override
        public void setStoredTime(String key, String time) {
            for (ConfigMap cm : shards().list().getItems()) {
                JsonNode docs = documents(cm);
                if (docs.has(key)) {
                    ((ObjectNode) docs.get(key)).put("lastUpdateTimeSinceEpoch", time);
                    try {
                        cm.getData().put(ShardLayout.DATA_KEY, json.writeValueAsString(docs));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    cluster.client()
                            .configMaps()
                            .inNamespace(NAMESPACE)
                            .resource(cm)
                            .update();
                    return;
                }
            }
            throw new AssertionError("no shard holds " + key);
        }

        private Set<String> keysOf(ConfigMap cm) {
            Set<String> keys = new TreeSet<>();
            Iterator<String> names = documents(cm).fieldNames();
            names.forEachRemaining(keys::add);
            return keys;
        }

        private JsonNode documents(ConfigMap cm) {
            try {
                return json.readTree(cm.getData().get(ShardLayout.DATA_KEY));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            cluster.close();
        }
    }
}
