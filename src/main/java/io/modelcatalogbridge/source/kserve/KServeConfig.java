package io.modelcatalogbridge.source.kserve;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** Which KServe objects the normalizer watches. */
@ConfigMapping(prefix = "bridge.kserve")
public interface KServeConfig {

    /**
     * Namespaces to watch, a comma list ({@code KSERVE_NAMESPACES}; unset: {@code NAMESPACE}, the Go bridge's watch
     * scope); unset: all namespaces. Separate from storage's ConfigMap namespace, which is a single namespace.
     */
    Optional<List<String>> namespaces();

    /**
     * {@code auto} (default): watch when Kubernetes configuration is present (in-cluster service account,
     * {@code KUBECONFIG} or {@code ~/.kube/config}, RHDH sidecar variables); {@code true}; {@code false}.
     */
    @WithDefault("auto")
    String watch();
}
