package io.modelcatalogbridge.source.kserve;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.modelcatalogbridge.kube.Namespaces;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The KServe side of the catalog: informers on InferenceService ({@code v1beta1}) and LLMInferenceService (the
 * version the cluster serves), each independent, in the {@code KSERVE_NAMESPACES} (else {@code NAMESPACE}) list or everywhere. The predictor
 * Service ({@code <name>-predictor}) and ServiceAccount ({@code <name>-sa}) of each deployment are fetched by name
 * when that deployment changes (its resourceVersion moved) and cached; whole namespaces are never listed.
 */
@ApplicationScoped
public class KServeWatcher {

    private static final Logger LOG = Logger.getLogger(KServeWatcher.class);

    private final List<String> namespaces;
    private final Map<String, Related> related = new ConcurrentHashMap<>();
    private volatile List<KindWatch> watches = List.of();
    private volatile KubernetesClient client;

    KServeWatcher(KServeConfig config) {
        this.namespaces = config.namespaces().orElse(List.of()).stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
    }

    /** What the caches hold now. */
    public record View(List<KServeDeployment> deployments, boolean complete, boolean enabled) {
        public View {
            deployments = List.copyOf(deployments);
        }
    }

    /** The Service and ServiceAccount of one deployment as fetched at one resourceVersion. */
    private record Related(String resourceVersion, Service service, ServiceAccount serviceAccount) {}

    /**
     * Prepares the watches; {@code onChange} runs (on an informer thread) after every change. The informers
     * themselves start at the first full sync ({@link #retryMissing()}), on the sync thread, so an unreachable API
     * server never delays start-up.
     *
     * @param kubernetes the cluster's client; empty when there is no Kubernetes configuration (KServe stays off)
     */
    public synchronized void start(Optional<KubernetesClient> kubernetes, Runnable onChange) {
        namespaces.forEach(ns -> Namespaces.require(
                ns, "bridge.kserve.namespaces (KSERVE_NAMESPACES, else NAMESPACE)", "separate several with ','"));
        Optional<KubernetesClient> c = kubernetes;
        if (c.isEmpty()) {
            return; // whoever decided there is no client has said so, once
        }
        client = c.get();
        watches = List.of(
                new KindWatch(
                        KServeDeployments.KIND_ISVC, "inferenceservices", Optional.of("v1beta1"), namespaces, onChange),
                new KindWatch(
                        KServeDeployments.KIND_LLM_ISVC,
                        "llminferenceservices",
                        Optional.empty(),
                        namespaces,
                        onChange));
    }

    /** Starts the watch of every kind that is not running yet (its CRD may have been installed since). */
    public void retryMissing() {
        KubernetesClient c = client;
        if (c != null) {
            watches.forEach(w -> w.ensureStarted(c));
        }
    }

    public boolean enabled() {
        return client != null;
    }

    /** Deployments from the caches (plus Services/ServiceAccounts fetched for those that changed). */
    public View view() {
        KubernetesClient c = client;
        if (c == null) {
            return new View(List.of(), true, false);
        }
        List<GenericKubernetesResource> isvcs = new ArrayList<>();
        List<GenericKubernetesResource> llm = new ArrayList<>();
        boolean complete = true;
        for (KindWatch w : watches) {
            complete &= w.complete();
            (KServeDeployments.KIND_ISVC.equals(w.kind()) ? isvcs : llm).addAll(w.objects());
        }
        List<Service> services = new ArrayList<>();
        List<ServiceAccount> accounts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (GenericKubernetesResource r : isvcs) {
            related(c, r, true, seen).ifPresent(rel -> add(rel, services, accounts));
        }
        for (GenericKubernetesResource r : llm) {
            related(c, r, false, seen).ifPresent(rel -> add(rel, services, accounts));
        }
        related.keySet().retainAll(seen);
        List<KServeDeployment> deployments =
                KServeDeployments.extract(new KServeObjects(isvcs, llm, services, accounts));
        return new View(deployments, complete, true);
    }

    /**
     * One InferenceService by namespace and name, for a registry deployment the caches did not show: read from the
     * informer cache when its namespace is watched, else fetched by name (with its predictor Service and
     * ServiceAccount); empty without cluster access or when it does not exist.
     */
    public Optional<KServeDeployment> lookup(String namespace, String name) {
        KubernetesClient c = client;
        if (c == null) {
            return Optional.empty();
        }
        for (KindWatch w : watches) {
            if (KServeDeployments.KIND_ISVC.equals(w.kind())) {
                return w.get(c, namespace, name).flatMap(r -> {
                    List<Service> services = new ArrayList<>();
                    List<ServiceAccount> accounts = new ArrayList<>();
                    related(c, r, true, new HashSet<>()).ifPresent(rel -> add(rel, services, accounts));
                    return KServeDeployments.extract(new KServeObjects(List.of(r), List.of(), services, accounts))
                            .stream()
                            .findFirst();
                });
            }
        }
        return Optional.empty();
    }

    /** Kinds being watched, e.g. for the start-up log and tests. */
    public List<String> watchedKinds() {
        return watches.stream().filter(KindWatch::watching).map(KindWatch::kind).toList();
    }

    public synchronized void stop() {
        watches.forEach(KindWatch::stop);
        watches = List.of();
    }

    private static void add(Related rel, List<Service> services, List<ServiceAccount> accounts) {
        if (rel.service() != null) {
            services.add(rel.service());
        }
        if (rel.serviceAccount() != null) {
            accounts.add(rel.serviceAccount());
        }
    }

    private Optional<Related> related(
            KubernetesClient c, GenericKubernetesResource r, boolean predictor, Set<String> seen) {
        var m = r.getMetadata();
        if (m == null || m.getNamespace() == null || m.getName() == null) {
            return Optional.empty();
        }
        String key = r.getKind() + "/" + m.getNamespace() + "/" + m.getName();
        seen.add(key);
        Related cached = related.get(key);
        if (cached != null
                && cached.resourceVersion() != null
                && cached.resourceVersion().equals(m.getResourceVersion())) {
            return Optional.of(cached);
        }
        try {
            Service svc = predictor
                    ? c.services()
                            .inNamespace(m.getNamespace())
                            .withName(m.getName() + "-predictor")
                            .get()
                    : null;
            ServiceAccount sa = c.serviceAccounts()
                    .inNamespace(m.getNamespace())
                    .withName(m.getName() + "-sa")
                    .get();
            Related fresh = new Related(m.getResourceVersion(), svc, sa);
            related.put(key, fresh);
            return Optional.of(fresh);
        } catch (KubernetesClientException e) {
            // Without them only the internal-URL fallback and the owned-SA auth signal are lost; retried next time.
            LOG.debugf("cannot fetch Service/ServiceAccount of %s: %s", key, e.getMessage());
            return Optional.ofNullable(cached);
        }
    }
}
