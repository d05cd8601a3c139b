package io.modelcatalogbridge.kube;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** The signals that tell whether Kubernetes configuration is present (see {@link KubernetesAccess}). */
@ConfigMapping(prefix = "bridge.kubernetes")
public interface KubernetesConfig {

    /** {@code KUBECONFIG}. */
    Optional<String> kubeconfig();

    /** {@code KUBERNETES_SERVICE_HOST}: set in every pod. */
    Optional<String> serviceHost();

    /** {@code KUBERNETES_SERVICE_PORT}. */
    @WithDefault("443")
    String servicePort();

    /** The RHDH sidecar's {@code token} variable (service-account token passed as an env var). */
    Optional<String> sidecarToken();

    /** The RHDH sidecar's {@code ca.crt} variable (cluster CA as PEM text). */
    Optional<String> sidecarCa();

    /** The mounted service-account token; its presence means "in-cluster". */
    @WithDefault("/var/run/secrets/kubernetes.io/serviceaccount/token")
    Path serviceAccountTokenFile();

    /** Home directory holding {@code .kube/config}. */
    @WithDefault("${user.home}")
    Path home();
}
