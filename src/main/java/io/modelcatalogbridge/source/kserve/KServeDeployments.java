package io.modelcatalogbridge.source.kserve;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.modelcatalogbridge.model.ServerFacts;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/** Turns the raw KServe objects of one read into {@link KServeDeployment}s. Pure: no client, no I/O. */
public final class KServeDeployments {
    public static final String KIND_ISVC = "InferenceService";
    public static final String KIND_LLM_ISVC = "LLMInferenceService";
    public static final String ANNOTATION_STOP = "serving.kserve.io/stop";
    public static final String ANNOTATION_ENABLE_AUTH = "security.opendatahub.io/enable-auth";
    /** The legacy per-framework predictor fields; exactly one is set on a legacy predictor. */
    public static final List<String> LEGACY_FRAMEWORKS = List.of(
            "sklearn",
            "xgboost",
            "tensorflow",
            "pytorch",
            "triton",
            "onnx",
            "huggingface",
            "pmml",
            "lightgbm",
            "paddle");

    private KServeDeployments() {}

    /** One deployment per InferenceService and LLMInferenceService that has a namespace and name; sorted. */
    public static List<KServeDeployment> extract(KServeObjects objects) {
        Map<String, Service> services = new HashMap<>();
        for (Service s : objects.services()) {
            ObjectMeta m = s.getMetadata();
            if (m != null && m.getName() != null) {
                services.putIfAbsent(m.getNamespace() + "/" + m.getName(), s);
            }
        }
        Set<String> authOwners = new HashSet<>();
        for (ServiceAccount sa : objects.serviceAccounts()) {
            ObjectMeta m = sa.getMetadata();
            if (m == null || m.getOwnerReferences() == null) {
                continue;
            }
            for (OwnerReference ref : m.getOwnerReferences()) {
                authOwners.add(m.getNamespace() + "/" + ref.getKind() + "/" + ref.getName());
            }
        }
        List<KServeDeployment> out = new ArrayList<>();
        objects.inferenceServices().forEach(r -> extract(r, KIND_ISVC, services, authOwners, out));
        objects.llmInferenceServices().forEach(r -> extract(r, KIND_LLM_ISVC, services, authOwners, out));
        out.sort(Comparator.comparing(KServeDeployment::namespace)
                .thenComparing(KServeDeployment::name)
                .thenComparing(KServeDeployment::kind));
        return List.copyOf(out);
    }

    private static void extract(
            GenericKubernetesResource r,
            String kind,
            Map<String, Service> services,
            Set<String> authOwners,
            List<KServeDeployment> out) {
        ObjectMeta meta = r.getMetadata();
        if (meta == null || isBlank(meta.getName()) || isBlank(meta.getNamespace())) {
            return;
        }
        String ns = meta.getNamespace();
        String name = meta.getName();
        Map<String, Object> root = r.getAdditionalProperties();
        Map<String, String> annotations = meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
        List<Map<String, Object>> conditions = Tree.maps(Tree.at(root, "status", "conditions"));

        Urls urls = urls(root, services.get(ns + "/" + name + "-predictor"));
        boolean ready = isTrue(conditions, "Ready")
                && trueWhenPresent(conditions, "PredictorReady")
                && trueWhenPresent(conditions, "IngressReady")
                && urls.any();
        boolean stopped = "true".equalsIgnoreCase(annotations.get(ANNOTATION_STOP)) || isTrue(conditions, "Stopped");
        boolean auth = "true".equalsIgnoreCase(annotations.get(ANNOTATION_ENABLE_AUTH))
                || authOwners.contains(ns + "/" + kind + "/" + name);
        Model model = KIND_LLM_ISVC.equals(kind)
                ? new Model(null, null, Tree.str(root, "spec", "model", "uri"))
                : predictorModel(root);
        long lastUpdated = epochMillis(meta.getCreationTimestamp());
        for (Map<String, Object> c : conditions) {
            lastUpdated = Math.max(lastUpdated, epochMillis(Tree.str(c, "lastTransitionTime")));
        }
        out.add(new KServeDeployment(
                kind,
                ns,
                name,
                meta.getUid(),
                sorted(meta.getLabels()),
                sorted(annotations),
                ready,
                stopped,
                urls.external,
                urls.internal,
                auth,
                model.format,
                model.runtime,
                model.storageUri,
                lastUpdated));
    }

    private record Urls(String external, String internal) {
        boolean any() {
            return external != null || internal != null;
        }
    }

    private record Model(String format, String runtime, String storageUri) {}

    /**
     * {@code status.url} is the route when the deployment is exposed, but the cluster-local address when it is
     * not; only the former is an external URL.
     */
    private static Urls urls(Map<String, Object> root, Service predictor) {
        String statusUrl = Tree.str(root, "status", "url");
        String external = statusUrl != null && !ServerFacts.isClusterLocal(statusUrl) ? statusUrl : null;
        String internal = Tree.str(root, "status", "address", "url");
        if (internal == null) {
            internal = serviceUrl(predictor);
        }
        if (internal == null && statusUrl != null && external == null) {
            internal = statusUrl;
        }
        return new Urls(external, internal);
    }

    /**
     * {@code http://<svc>.<ns>.svc.cluster.local[:<port>]} from the first Service port. The Service port (not
     * the container targetPort the Go bridge used) is what a ClusterIP Service listens on.
     */
    static String serviceUrl(Service svc) {
        if (svc == null || svc.getMetadata() == null) {
            return null;
        }
        String base = "http://" + svc.getMetadata().getName() + "."
                + svc.getMetadata().getNamespace() + ".svc.cluster.local";
        List<ServicePort> ports = svc.getSpec() == null ? null : svc.getSpec().getPorts();
        if (ports == null
                || ports.isEmpty()
                || ports.get(0).getPort() == null
                || ports.get(0).getPort() == 80) {
            return base;
        }
        return base + ":" + ports.get(0).getPort();
    }

    /** New-style {@code predictor.model}, else the single legacy framework field present (no fallthrough). */
    private static Model predictorModel(Map<String, Object> root) {
        Map<String, Object> model = Tree.map(Tree.at(root, "spec", "predictor", "model"));
        if (model != null) {
            return new Model(
                    Tree.str(model, "modelFormat", "name"), Tree.str(model, "runtime"), Tree.str(model, "storageUri"));
        }
        for (String framework : LEGACY_FRAMEWORKS) {
            Map<String, Object> spec = Tree.map(Tree.at(root, "spec", "predictor", framework));
            if (spec != null) {
                return new Model(framework, Tree.str(spec, "runtime"), Tree.str(spec, "storageUri"));
            }
        }
        return new Model(null, null, null);
    }

    private static boolean isTrue(List<Map<String, Object>> conditions, String type) {
        return conditions.stream()
                .anyMatch(c ->
                        type.equals(c.get("type")) && "true".equalsIgnoreCase(Objects.toString(c.get("status"), "")));
    }

    private static boolean trueWhenPresent(List<Map<String, Object>> conditions, String type) {
        boolean present = conditions.stream().anyMatch(c -> type.equals(c.get("type")));
        return !present || isTrue(conditions, type);
    }

    static long epochMillis(String timestamp) {
        if (timestamp == null || timestamp.isBlank()) {
            return 0L;
        }
        try {
            return OffsetDateTime.parse(timestamp.trim()).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return 0L;
        }
    }

    /** An object without a namespace or name cannot be keyed (an API server never sends one; a test may). */
    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static TreeMap<String, String> sorted(Map<String, String> map) {
        return map == null ? new TreeMap<>() : new TreeMap<>(map);
    }

    /** Null-safe navigation of the untyped spec/status maps; a value of an unexpected type counts as absent. */
    static final class Tree {
        private Tree() {}

        static Object at(Map<String, Object> root, String... path) {
            Object cur = root;
            for (String p : path) {
                if (!(cur instanceof Map<?, ?> m)) {
                    return null;
                }
                cur = m.get(p);
            }
            return cur;
        }

        static String str(Map<String, Object> root, String... path) {
            Object v = at(root, path);
            return v instanceof String s && !s.isBlank() ? s : null;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> map(Object v) {
            return v instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        }

        static List<Map<String, Object>> maps(Object v) {
            List<Map<String, Object>> out = new ArrayList<>();
            if (v instanceof List<?> list) {
                for (Object o : list) {
                    Map<String, Object> m = map(o);
                    if (m != null) {
                        out.add(m);
                    }
                }
            }
            return out;
        }
    }
}
