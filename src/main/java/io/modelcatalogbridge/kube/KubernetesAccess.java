package io.modelcatalogbridge.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The Kubernetes client of the normalizer, or none when there is no Kubernetes configuration at all (then the
 * normalizer still syncs URL-configured registries). "Present" means: an in-cluster service account, a readable
 * kubeconfig ({@code KUBECONFIG} naming an existing file, or {@code ~/.kube/config}), the RHDH sidecar variables
 * ({@code KUBERNETES_SERVICE_HOST} + {@code token}), or an explicit API server URL. The client is looked up lazily
 * so a run without Kubernetes never builds one.
 */
@ApplicationScoped
public class KubernetesAccess {

    private static final Logger LOG = Logger.getLogger(KubernetesAccess.class);

    private final Instance<KubernetesClient> quarkusClient;
    private final KubernetesConfig config;
    private final Optional<String> apiServerUrl;
    private final String watchMode;
    private volatile Optional<KubernetesClient> client;
    private KubernetesClient own;

    KubernetesAccess(
            Instance<KubernetesClient> quarkusClient,
            KubernetesConfig config,
            @ConfigProperty(name = "quarkus.kubernetes-client.api-server-url") Optional<String> apiServerUrl,
            @ConfigProperty(name = "kubernetes.master") Optional<String> fabric8Master,
            @ConfigProperty(name = "bridge.kserve.watch", defaultValue = "auto") String watchMode) {
        this.quarkusClient = quarkusClient;
        this.config = config;
        // fabric8's own setting (KUBERNETES_MASTER / kubernetes.master) counts as an explicit API server too
        this.apiServerUrl = apiServerUrl.or(() -> fabric8Master);
        this.watchMode = watchMode;
    }

    /** The client, decided once; empty when Kubernetes is off or not configured. */
    public synchronized Optional<KubernetesClient> client() {
        if (client == null) {
            client = decide();
        }
        return client;
    }

    private Optional<KubernetesClient> decide() {
        String mode = watchMode.trim().toLowerCase(Locale.ROOT);
        if (mode.equals("false")) {
            LOG.info("Kubernetes access switched off (bridge.kserve.watch=false): no Route discovery, no KServe watch");
            return Optional.empty();
        }
        boolean sidecar = config.serviceHost().isPresent()
                && config.sidecarToken().isPresent()
                && !Files.isReadable(config.serviceAccountTokenFile());
        if (sidecar) {
            own = sidecarClient();
            return Optional.of(own);
        }
        if (mode.equals("true") || present()) {
            return Optional.of(quarkusClient.get());
        }
        LOG.info(
                "no Kubernetes configuration found (no service account, kubeconfig or sidecar variables): "
                        + "Route discovery and KServe watching are off; registries come from MODEL_REGISTRY_URLS (and run --registry) only");
        return Optional.empty();
    }

    /** Whether any Kubernetes configuration is present (package-visible for tests). */
    boolean present() {
        config.kubeconfig()
                .filter(k -> !k.isBlank() && !namesReadableFile(k))
                .ifPresent(k -> LOG.warnf("KUBECONFIG=%s names no readable file: ignored", k));
        return apiServerUrl.isPresent()
                || KubernetesPresence.configured(
                        config.kubeconfig(),
                        config.serviceHost(),
                        config.sidecarToken(),
                        config.serviceAccountTokenFile(),
                        config.home());
    }

    /** {@code KUBECONFIG} is a path list, as kubectl reads it: true when one entry is a readable regular file. */
    static boolean namesReadableFile(String kubeconfig) {
        return KubernetesPresence.kubeconfigReadable(Optional.of(kubeconfig));
    }

    /** RHDH runs the bridge with {@code automountServiceAccountToken: false}; token and CA arrive as variables. */
    private KubernetesClient sidecarClient() {
        ConfigBuilder b = new ConfigBuilder(Config.empty())
                .withMasterUrl("https://" + config.serviceHost().orElseThrow() + ":" + config.servicePort())
                .withOauthToken(config.sidecarToken().orElseThrow().strip());
        config.sidecarCa()
                .ifPresent(pem ->
                        b.withCaCertData(Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8))));
        LOG.info("using the Kubernetes API with the RHDH sidecar variables (token, ca.crt)");
        return new KubernetesClientBuilder().withConfig(b.build()).build();
    }

    @PreDestroy
    void close() {
        if (own != null) {
            own.close();
        }
    }
}
