package io.modelcatalogbridge.backstage;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.modelcatalogbridge.kube.Namespaces;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds Backstage when {@code BKSTG_URL} is empty, as the Go bridge did: an OpenShift Route in the namespace whose
 * label {@code app.kubernetes.io/name} contains {@code backstage}; https when the Route has TLS. The Kubernetes
 * client is obtained only when a lookup is actually needed.
 */
public class BackstageUrlResolver {

    /** Explicit, so no API discovery is needed (and a cluster without Routes answers 404, not a client error). */
    public static final ResourceDefinitionContext ROUTES = new ResourceDefinitionContext.Builder()
            .withGroup("route.openshift.io")
            .withVersion("v1")
            .withKind("Route")
            .withPlural("routes")
            .withNamespaced(true)
            .build();

    private final Optional<String> configured;
    private final Supplier<KubernetesClient> client;
    private final Optional<String> namespace;
    private volatile URI found;

    /**
     * @param namespace where to look for the Route ({@code NAMESPACE}); checked here, at start-up, when the lookup
     *                  will be needed: a list or a typo would otherwise only surface as failed lookups at every push
     * @throws IllegalArgumentException for a namespace that is not a Kubernetes namespace name
     */
    public BackstageUrlResolver(
            Optional<String> configured, Supplier<KubernetesClient> client, Optional<String> namespace) {
        this.configured = configured.filter(s -> !s.isBlank());
        this.client = client;
        this.namespace = namespace.filter(s -> !s.isBlank()).map(String::strip);
        if (this.configured.isEmpty()) {
            this.namespace.ifPresent(ns -> Namespaces.require(
                    ns,
                    "bridge.backstage.route-namespace (NAMESPACE / POD_NAMESPACE)",
                    "the Backstage Route is looked up in one namespace; set BKSTG_URL to skip the lookup"));
        }
    }

    /**
     * The Backstage base URL.
     *
     * @throws BackstageException (retryable) when no Route is found yet
     */
    public URI get() {
        if (configured.isPresent()) {
            return URI.create(configured.get());
        }
        URI u = found;
        if (u == null) {
            u = lookup();
            found = u;
        }
        return u;
    }

    private URI lookup() {
        KubernetesClient c = client.get();
        String ns = namespace.orElseGet(() -> c.getNamespace() == null ? "default" : c.getNamespace());
        try {
            for (GenericKubernetesResource r :
                    c.genericKubernetesResources(ROUTES).inNamespace(ns).list().getItems()) {
                Map<String, String> labels = r.getMetadata().getLabels();
                String name = labels == null ? null : labels.get("app.kubernetes.io/name");
                Object host = spec(r).get("host");
                if (name != null && name.contains("backstage") && host != null) {
                    return URI.create((spec(r).get("tls") != null ? "https://" : "http://") + host);
                }
            }
        } catch (KubernetesClientException e) {
            throw new BackstageException(0, "cannot list Routes in " + ns + " to find Backstage: HTTP " + e.getCode());
        }
        throw new BackstageException(
                0,
                "BKSTG_URL is empty and no Route labelled app.kubernetes.io/name=*backstage* " + "exists in namespace "
                        + ns);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource r) {
        Object spec = r.getAdditionalProperties().get("spec");
        return spec instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
