package io.modelcatalogbridge.source;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.modelcatalogbridge.kube.KubernetesAccess;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Finds the registries to read, at every full sync (so a registry added later is picked up): the Routes named in
 * {@code MR_ROUTE}, or, when it is empty, the Routes the model registry operator labels; plus the URLs of
 * {@code MODEL_REGISTRY_URLS}. A discovery that could not ask Kubernetes is marked incomplete, so the engine keeps
 * the registries it knew instead of dropping their documents.
 */
@ApplicationScoped
public class RegistryDiscovery {

    private static final Logger LOG = Logger.getLogger(RegistryDiscovery.class);
    static final ResourceDefinitionContext ROUTE = new ResourceDefinitionContext.Builder()
            .withGroup("route.openshift.io")
            .withVersion("v1")
            .withKind("Route")
            .withPlural("routes")
            .withNamespaced(true)
            .build();

    private final KubernetesAccess kubernetes;
    private final List<String> routes;
    private final List<RegistryEndpoint> explicit;
    private final Optional<String> catalogUrl;

    RegistryDiscovery(KubernetesAccess kubernetes, RegistryConfig config) {
        this.kubernetes = kubernetes;
        this.routes = config.routes().orElse(List.of()).stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        this.explicit = ExplicitRegistries.parse(config.urls().orElse(List.of()));
        this.catalogUrl = config.catalogUrl().map(String::strip).filter(s -> !s.isEmpty());
    }

    /** What one discovery found. */
    public record Result(
            List<RegistryEndpoint> registries, Optional<String> catalogUrl, boolean complete, List<String> problems) {}

    public Result discover() {
        Map<String, RegistryEndpoint> found = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Optional<String> catalog = catalogUrl;
        boolean complete = true;
        Optional<KubernetesClient> client = kubernetes.client();
        if (client.isPresent()) {
            try {
                List<GenericKubernetesResource> candidates =
                        routes.isEmpty() ? labelled(client.get()) : named(client.get(), problems);
                if (!routes.isEmpty()) {
                    candidates.addAll(catalogRoutes(client.get()));
                }
                RouteRegistries.Found f = RouteRegistries.classify(candidates);
                f.registries().forEach(r -> found.put(r.id(), r));
                if (catalog.isEmpty()) {
                    catalog = f.catalogUrl();
                }
                complete = problems.isEmpty();
            } catch (KubernetesClientException e) {
                complete = false;
                problems.add("cannot list Routes: " + oneLine(e));
            }
        } else if (!routes.isEmpty()) {
            complete = false;
            problems.add("MR_ROUTE is set but there is no Kubernetes configuration to look the Routes up");
        }
        for (RegistryEndpoint e : explicit) {
            if (found.putIfAbsent(e.id(), e) != null) {
                problems.add("registry id " + e.id() + " from MODEL_REGISTRY_URLS is also a Route; the Route is used");
            }
        }
        problems.forEach(p -> LOG.warn(p));
        return new Result(List.copyOf(found.values()), catalog, complete, List.copyOf(problems));
    }

    private static List<GenericKubernetesResource> labelled(KubernetesClient client) {
        List<GenericKubernetesResource> out = new ArrayList<>(client.genericKubernetesResources(ROUTE)
                .inAnyNamespace()
                .withLabel(RouteRegistries.MANAGED_BY_LABEL, RouteRegistries.MANAGED_BY_OPERATOR)
                .list()
                .getItems());
        out.addAll(catalogRoutes(client));
        return out;
    }

    /** The catalog Route at HEAD is labelled {@code component=model-catalog}, not always managed-by. */
    private static List<GenericKubernetesResource> catalogRoutes(KubernetesClient client) {
        return client.genericKubernetesResources(ROUTE)
                .inAnyNamespace()
                .withLabel(RouteRegistries.COMPONENT_LABEL, RouteRegistries.CATALOG_COMPONENT)
                .list()
                .getItems();
    }

    /** {@code ns:name} is fetched by name; a bare {@code name} is searched in every namespace, first match wins. */
    private List<GenericKubernetesResource> named(KubernetesClient client, List<String> problems) {
        List<GenericKubernetesResource> out = new ArrayList<>();
        for (String entry : routes) {
            int colon = entry.indexOf(':');
            GenericKubernetesResource r;
            if (colon > 0) {
                r = client.genericKubernetesResources(ROUTE)
                        .inNamespace(entry.substring(0, colon))
                        .withName(entry.substring(colon + 1))
                        .get();
            } else {
                r = client
                        .genericKubernetesResources(ROUTE)
                        .inAnyNamespace()
                        .withField("metadata.name", entry)
                        .list()
                        .getItems()
                        .stream()
                        .filter(x -> entry.equals(x.getMetadata().getName()))
                        .findFirst()
                        .orElse(null);
            }
            if (r == null) {
                problems.add("MR_ROUTE names Route " + entry + ", which does not exist");
            } else {
                out.add(r);
            }
        }
        return out;
    }

    private static String oneLine(KubernetesClientException e) {
        String m = e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage()
                : e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
