package io.modelcatalogbridge.store.configmap;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.modelcatalogbridge.store.DocumentCodec;
import io.modelcatalogbridge.store.StoreException;
import io.modelcatalogbridge.store.StoreNotReadyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Kubernetes calls of the ConfigMap store: list, read, create and update shards with optimistic locking. */
class ShardClient {

    /** An update or create lost a race (HTTP 409): re-read and try again. */
    static final class Conflict extends Exception {
        Conflict(String message) {
            super(message, null, false, false);
        }
    }

    private final KubernetesClient client;
    private final String namespace;
    private final ShardLayout layout;

    ShardClient(KubernetesClient client, String namespace, ShardLayout layout) {
        this.client = client;
        this.namespace = namespace;
        this.layout = layout;
    }

    String namespace() {
        return namespace;
    }

    /** Every shard in the namespace, found by label (also shards of an older shard count). */
    List<Shard> listShards() {
        try {
            List<Shard> out = new ArrayList<>();
            for (ConfigMap cm : client.configMaps()
                    .inNamespace(namespace)
                    .withLabel(ShardLayout.STORAGE_LABEL, ShardLayout.STORAGE_LABEL_VALUE)
                    .list()
                    .getItems()) {
                out.add(toShard(cm));
            }
            return out;
        } catch (KubernetesClientException e) {
            throw translate("list ConfigMaps", e);
        }
    }

    Shard read(String name) {
        try {
            ConfigMap cm =
                    client.configMaps().inNamespace(namespace).withName(name).get();
            return cm == null ? Shard.absent(name) : toShard(cm);
        } catch (KubernetesClientException e) {
            throw translate("read ConfigMap " + name, e);
        }
    }

    Optional<ConfigMap> readRaw(String name) {
        try {
            return Optional.ofNullable(
                    client.configMaps().inNamespace(namespace).withName(name).get());
        } catch (KubernetesClientException e) {
            throw translate("read ConfigMap " + name, e);
        }
    }

    /** Writes a shard: creates it when it never existed, else updates it at its resourceVersion. */
    Shard write(Shard shard, int index, String payload) throws Conflict {
        ConfigMap cm = new ConfigMapBuilder()
                .withNewMetadata()
                .withName(shard.name())
                .withNamespace(namespace)
                .withLabels(layout.labels(index))
                .withAnnotations(layout.annotations())
                .withResourceVersion(shard.resourceVersion())
                .endMetadata()
                .withData(Map.of(ShardLayout.DATA_KEY, payload))
                .build();
        try {
            ConfigMap written = shard.exists()
                    ? client.configMaps().inNamespace(namespace).resource(cm).update()
                    : client.configMaps().inNamespace(namespace).resource(cm).create();
            return new Shard(shard.name(), written.getMetadata().getResourceVersion(), shard.docs());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                throw new Conflict(shard.name() + " changed since it was read");
            }
            if (e.getCode() == 404 && shard.exists()) {
                // Deleted behind the store's back: re-read (absent) and create it again.
                throw new Conflict(shard.name() + " was deleted since it was read");
            }
            throw translate("write ConfigMap " + shard.name(), e);
        }
    }

    /** Sets one annotation on a ConfigMap, keeping the rest as is (used to mark the legacy ConfigMap migrated). */
    void annotate(ConfigMap cm, String annotation, String value) {
        try {
            client.configMaps()
                    .inNamespace(namespace)
                    .withName(cm.getMetadata().getName())
                    .edit(c -> new ConfigMapBuilder(c)
                            .editMetadata()
                            .addToAnnotations(annotation, value)
                            .endMetadata()
                            .build());
        } catch (KubernetesClientException e) {
            throw translate("annotate ConfigMap " + cm.getMetadata().getName(), e);
        }
    }

    private Shard toShard(ConfigMap cm) {
        String name = cm.getMetadata().getName();
        String payload = cm.getData() == null ? null : cm.getData().get(ShardLayout.DATA_KEY);
        if (payload == null && cm.getBinaryData() != null && cm.getBinaryData().containsKey(ShardLayout.DATA_KEY)) {
            payload = new String(
                    Base64.getDecoder().decode(cm.getBinaryData().get(ShardLayout.DATA_KEY)), StandardCharsets.UTF_8);
        }
        try {
            return new Shard(name, cm.getMetadata().getResourceVersion(), DocumentCodec.decodeMap(payload));
        } catch (IOException e) {
            // A broken shard must stop the load: serving without its records would let a prune delete them.
            throw new StoreException(
                    "ConfigMap " + namespace + "/" + name + " does not hold valid " + ShardLayout.DATA_KEY + ": "
                            + e.getMessage(),
                    e);
        }
    }

    StoreException translate(String what, KubernetesClientException e) {
        int code = e.getCode();
        String where = " in namespace " + namespace;
        if (code == 401 || code == 403) {
            return new StoreException(
                    "cannot " + what + where + ": forbidden (HTTP " + code
                            + "); the service account needs get, list, create, update and patch on configmaps",
                    e);
        }
        // No HTTP answer at all (connection refused or reset, a timeout: fabric8 reports code 0 or -1) is the API
        // being away, like a 5xx: 503, retried by the writer, not a 500 with an ERROR line.
        if (code <= 0 || code >= 500) {
            return new StoreNotReadyException("cannot " + what + where + ": Kubernetes API unavailable ("
                    + (code <= 0
                            ? String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause())
                            : "HTTP " + code)
                    + ")");
        }
        return new StoreException("cannot " + what + where + ": HTTP " + code + " " + e.getMessage(), e);
    }
}
