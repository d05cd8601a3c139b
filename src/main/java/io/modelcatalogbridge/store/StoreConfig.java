package io.modelcatalogbridge.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Which backend keeps documents and how. */
@ConfigMapping(prefix = "bridge.storage")
public interface StoreConfig {

    /**
     * Backend ({@code STORAGE_TYPE}): {@code ConfigMap} or {@code File}. Unset: {@code ConfigMap} when Kubernetes
     * configuration is found, else {@code File}.
     */
    Optional<String> type();

    /** File backend. */
    FileStore file();

    /** ConfigMap backend. */
    ConfigMapStore configmap();

    /** Inputs of the "is there a Kubernetes configuration?" decision (mapped from the usual variables). */
    Kube kube();

    /** File backend settings. */
    interface FileStore {
        /** Directory of the document files; created when missing. */
        @WithDefault("bridge-data")
        Path directory();
    }

    /** ConfigMap backend settings. */
    interface ConfigMapStore {
        /** Namespace of the ConfigMaps ({@code NAMESPACE}, {@code POD_NAMESPACE}); unset: the client's namespace. */
        Optional<String> namespace();

        /** Name prefix of the shard ConfigMaps. */
        @WithDefault("bac-import-model-shard-")
        String prefix();

        /** Number of shards; a key's shard is CRC32(key) mod this. Changing it moves records at the next start. */
        @WithDefault("256")
        int shards();

        /** Largest payload one shard may hold, in bytes (Kubernetes refuses objects over ~1 MiB). */
        @WithDefault("786432")
        long maxShardBytes();

        /** The Go bridge's ConfigMap, imported once (and again if a Go bridge wrote to it since). Empty: none. */
        @WithDefault("bac-import-model")
        String legacyName();
    }

    /** Where Kubernetes configuration may come from. */
    interface Kube {
        /** {@code KUBECONFIG}. */
        Optional<String> kubeconfig();

        /** {@code KUBERNETES_SERVICE_HOST}. */
        Optional<String> serviceHost();

        /** The RHDH sidecar {@code token} variable; only its presence is used here, it is never logged. */
        Optional<String> sidecarToken();

        /** Service-account token file of an in-cluster pod. */
        @WithDefault("/var/run/secrets/kubernetes.io/serviceaccount/token")
        Path serviceAccountToken();
    }
}
