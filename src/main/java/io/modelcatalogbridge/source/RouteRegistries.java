package io.modelcatalogbridge.source;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns OpenShift Routes into registry endpoints and the model catalog URL. Pure. A registry often has both an
 * {@code -https} and an {@code -http} Route: they count once (https preferred). The id is the route name without
 * {@code -https}/{@code -http}/{@code -rest}; when two namespaces hold the same id, the later ones become
 * {@code <namespace>:<id>}.
 */
public final class RouteRegistries {

    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_OPERATOR = "model-registry-operator";
    public static final String COMPONENT_LABEL = "component";
    public static final String CATALOG_COMPONENT = "model-catalog";

    private RouteRegistries() {}

    /** Registries and the catalog found among routes. */
    public record Found(List<RegistryEndpoint> registries, Optional<String> catalogUrl) {}

    public static Found classify(List<GenericKubernetesResource> routes) {
        List<GenericKubernetesResource> sorted = routes.stream()
                .filter(r -> r.getMetadata() != null && r.getMetadata().getName() != null)
                .sorted(Comparator.comparing((GenericKubernetesResource r) -> ns(r))
                        .thenComparing(r -> r.getMetadata().getName()))
                .toList();
        Map<String, GenericKubernetesResource> byRegistry = new LinkedHashMap<>();
        String catalog = null;
        for (GenericKubernetesResource r : sorted) {
            String name = r.getMetadata().getName();
            if (isCatalog(r)) {
                Optional<String> url = url(r);
                if (url.isPresent() && (catalog == null || url.get().startsWith("https://"))) {
                    catalog = url.get();
                }
                continue;
            }
            if (name.endsWith("-grpc") || url(r).isEmpty()) {
                continue;
            }
            String key = ns(r) + "/" + registryId(name);
            GenericKubernetesResource seen = byRegistry.get(key);
            if (seen == null
                    || (!url(seen).orElse("").startsWith("https://")
                            && url(r).orElse("").startsWith("https://"))) {
                byRegistry.put(key, r);
            }
        }
        Map<String, RegistryEndpoint> out = new LinkedHashMap<>();
        for (GenericKubernetesResource r : byRegistry.values()) {
            String id = registryId(r.getMetadata().getName());
            if (out.containsKey(id)) {
                id = ns(r) + ":" + id;
            }
            out.put(
                    id,
                    new RegistryEndpoint(
                            id,
                            url(r).orElseThrow(),
                            "route " + ns(r) + "/" + r.getMetadata().getName()));
        }
        return new Found(new ArrayList<>(out.values()), Optional.ofNullable(catalog));
    }

    /** Route name without the exposure suffix. */
    public static String registryId(String routeName) {
        for (String suffix : List.of("-https", "-http", "-rest")) {
            if (routeName.endsWith(suffix) && routeName.length() > suffix.length()) {
                return routeName.substring(0, routeName.length() - suffix.length());
            }
        }
        return routeName;
    }

    static boolean isCatalog(GenericKubernetesResource r) {
        Map<String, String> labels = r.getMetadata().getLabels();
        return (labels != null && CATALOG_COMPONENT.equals(labels.get(COMPONENT_LABEL)))
                || r.getMetadata().getName().contains("catalog");
    }

    /** {@code https://<status.ingress[0].host or spec.host>}; {@code http://} for a route without TLS. */
    static Optional<String> url(GenericKubernetesResource r) {
        Map<String, Object> root = r.getAdditionalProperties();
        String host = null;
        if (root.get("status") instanceof Map<?, ?> status
                && status.get("ingress") instanceof List<?> ingress
                && !ingress.isEmpty()
                && ingress.get(0) instanceof Map<?, ?> first
                && first.get("host") instanceof String h
                && !h.isBlank()) {
            host = h;
        }
        Map<?, ?> spec = root.get("spec") instanceof Map<?, ?> s ? s : Map.of();
        if (host == null && spec.get("host") instanceof String h && !h.isBlank()) {
            host = h;
        }
        if (host == null) {
            return Optional.empty();
        }
        boolean tls = spec.get("tls") instanceof Map<?, ?>;
        return Optional.of((tls ? "https://" : "http://") + host.strip());
    }

    private static String ns(GenericKubernetesResource r) {
        return r.getMetadata().getNamespace() == null ? "" : r.getMetadata().getNamespace();
    }
}
