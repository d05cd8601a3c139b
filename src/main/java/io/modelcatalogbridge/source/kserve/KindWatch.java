package io.modelcatalogbridge.source.kserve;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The watch of one KServe kind (InferenceService or LLMInferenceService), independent of the other: when its CRD
 * is missing the kind is off, and {@link #ensureStarted} (called at every full sync) starts it once the CRD
 * appears. Objects come from the informer caches; an event only calls {@code onChange}.
 */
final class KindWatch {

    private static final Logger LOG = Logger.getLogger(KindWatch.class);
    static final String GROUP = "serving.kserve.io";

    private final String kind;
    private final String plural;
    private final Optional<String> requiredVersion;
    private final List<String> namespaces;
    private final Runnable onChange;
    private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();
    private volatile String version;
    private volatile boolean missing;
    private volatile String failure;

    /**
     * @param requiredVersion the one version the bridge understands, or empty to take what the cluster serves
     *                        (the CRD's storage version when served, else the newest served one)
     */
    KindWatch(
            String kind, String plural, Optional<String> requiredVersion, List<String> namespaces, Runnable onChange) {
        this.kind = kind;
        this.plural = plural;
        this.requiredVersion = requiredVersion;
        this.namespaces = namespaces;
        this.onChange = onChange;
    }

    String kind() {
        return kind;
    }

    /** Starts the informers when the CRD is served and they are not running yet. Never throws. */
    synchronized void ensureStarted(KubernetesClient client) {
        if (!informers.isEmpty()) {
            return;
        }
        try {
            Optional<String> v = servedVersion(client);
            if (v.isEmpty()) {
                if (!missing) {
                    LOG.infof(
                            "KServe %s is not served by this cluster (CRD %s.%s missing); its watch is off and "
                                    + "retried at every full sync",
                            kind, plural, GROUP);
                }
                missing = true;
                failure = null;
                return;
            }
            ResourceDefinitionContext ctx = context(v.get());
            List<SharedIndexInformer<GenericKubernetesResource>> started = new ArrayList<>();
            try {
                if (namespaces.isEmpty()) {
                    started.add(client.genericKubernetesResources(ctx)
                            .inAnyNamespace()
                            .inform(handler(), 0));
                } else {
                    for (String ns : namespaces) {
                        started.add(client.genericKubernetesResources(ctx)
                                .inNamespace(ns)
                                .inform(handler(), 0));
                    }
                }
            } catch (RuntimeException e) {
                started.forEach(SharedIndexInformer::close);
                throw e;
            }
            informers.addAll(started);
            version = v.get();
            missing = false;
            failure = null;
            LOG.infof(
                    "watching KServe %s (%s/%s) in %s",
                    kind,
                    GROUP,
                    version,
                    namespaces.isEmpty() ? "all namespaces" : "namespaces " + String.join(",", namespaces));
            onChange.run();
        } catch (KubernetesClientException e) {
            String why = "cannot watch KServe " + kind + ": " + oneLine(e);
            if (!why.equals(failure)) {
                LOG.warn(why + " (retried at the next full sync)");
            }
            failure = why;
        }
    }

    /** Whether the cache holds everything of this kind: off because its CRD is missing, or synced and watching. */
    boolean complete() {
        if (missing) {
            return true;
        }
        if (informers.isEmpty()) {
            return false;
        }
        return informers.stream().allMatch(i -> i.hasSynced() && i.isWatching());
    }

    boolean watching() {
        return !informers.isEmpty();
    }

    /**
     * One object by namespace and name: from the informer cache when this watch covers the namespace, else one GET
     * by name (never a list); empty when it does not exist, the kind is not served, or the API server refuses.
     */
    Optional<GenericKubernetesResource> get(KubernetesClient client, String namespace, String name) {
        if (watching() && (namespaces.isEmpty() || namespaces.contains(namespace))) {
            for (SharedIndexInformer<GenericKubernetesResource> i : informers) {
                GenericKubernetesResource r = i.getStore().getByKey(namespace + "/" + name);
                if (r != null) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }
        try {
            Optional<String> v = Optional.ofNullable(version).or(() -> servedVersion(client));
            if (v.isEmpty()) {
                return Optional.empty();
            }
            ResourceDefinitionContext ctx = context(v.get());
            return Optional.ofNullable(client.genericKubernetesResources(ctx)
                    .inNamespace(namespace)
                    .withName(name)
                    .get());
        } catch (KubernetesClientException e) {
            LOG.debugf("cannot get KServe %s %s/%s: %s", kind, namespace, name, oneLine(e));
            return Optional.empty();
        }
    }

    private ResourceDefinitionContext context(String servedVersion) {
        ResourceDefinitionContext ctx = new ResourceDefinitionContext.Builder()
                .withGroup(GROUP)
                .withVersion(servedVersion)
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(true)
                .build();
        return ctx;
    }

    List<GenericKubernetesResource> objects() {
        List<GenericKubernetesResource> out = new ArrayList<>();
        for (SharedIndexInformer<GenericKubernetesResource> i : informers) {
            out.addAll(i.getStore().list());
        }
        return out;
    }

    synchronized void stop() {
        informers.forEach(SharedIndexInformer::close);
        informers.clear();
    }

    /**
     * The version to watch. The CRD names the served versions; reading CRDs needs a cluster-scoped permission the
     * bridge may lack, so API discovery (open to every authenticated user) is the fallback.
     */
    private Optional<String> servedVersion(KubernetesClient client) {
        List<String> served;
        String storage = null;
        try {
            CustomResourceDefinition crd = client.apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .withName(plural + "." + GROUP)
                    .get();
            if (crd == null) {
                return Optional.empty();
            }
            served = crd.getSpec().getVersions().stream()
                    .filter(v -> Boolean.TRUE.equals(v.getServed()))
                    .map(CustomResourceDefinitionVersion::getName)
                    .toList();
            storage = crd.getSpec().getVersions().stream()
                    .filter(v -> Boolean.TRUE.equals(v.getStorage()))
                    .map(CustomResourceDefinitionVersion::getName)
                    .findFirst()
                    .orElse(null);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403 && e.getCode() != 401) {
                throw e;
            }
            served = discoveredVersions(client);
        }
        if (requiredVersion.isPresent()) {
            return served.contains(requiredVersion.get()) ? requiredVersion : Optional.empty();
        }
        if (storage != null && served.contains(storage)) {
            return Optional.of(storage);
        }
        return served.stream().max(Comparator.comparing(KindWatch::versionRank));
    }

    private List<String> discoveredVersions(KubernetesClient client) {
        var group = client.getApiGroup(GROUP);
        if (group == null || group.getVersions() == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        group.getVersions().forEach(gv -> {
            var resources = client.getApiResources(GROUP + "/" + gv.getVersion());
            if (resources != null && resources.getResources().stream().anyMatch(r -> plural.equals(r.getName()))) {
                out.add(gv.getVersion());
            }
        });
        return out;
    }

    /** Kubernetes version order: v1 > v1beta2 > v1beta1 > v1alpha1. */
    static String versionRank(String v) {
        Matcher m = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?").matcher(v);
        if (!m.matches()) {
            return "0" + v;
        }
        int stability = m.group(2) == null ? 3 : "beta".equals(m.group(2)) ? 2 : 1;
        int minor = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return String.format("%05d%d%05d", Integer.parseInt(m.group(1)), stability, minor);
    }

    private ResourceEventHandler<GenericKubernetesResource> handler() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource obj) {
                onChange.run();
            }

            @Override
            public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
                if (!Objects.equals(
                        oldObj.getMetadata().getResourceVersion(),
                        newObj.getMetadata().getResourceVersion())) {
                    onChange.run();
                }
            }

            @Override
            public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
                onChange.run();
            }
        };
    }

    private static String oneLine(KubernetesClientException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
