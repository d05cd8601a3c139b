package io.modelcatalogbridge.sync;

import io.modelcatalogbridge.model.MappingSettings;
import io.modelcatalogbridge.model.ServerFacts;
import io.modelcatalogbridge.source.kfmr.DeploymentMatcher;
import io.modelcatalogbridge.source.kfmr.InferenceService;
import io.modelcatalogbridge.source.kfmr.KfmrMapper;
import io.modelcatalogbridge.source.kfmr.LiveDeployment;
import io.modelcatalogbridge.source.kfmr.MetadataValue;
import io.modelcatalogbridge.source.kfmr.ModelVersion;
import io.modelcatalogbridge.source.kfmr.RegisteredModel;
import io.modelcatalogbridge.source.kfmr.RegistryContents;
import io.modelcatalogbridge.source.kfmr.ServingEnvironment;
import io.modelcatalogbridge.source.kserve.KServeDeployment;
import io.modelcatalogbridge.source.kserve.KServeDeployments;
import io.modelcatalogbridge.source.kserve.KServeMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Joins registry inference services to the KServe deployments they run as: the KServe deployments indexed once, in
 * memory, by the keys they are matched on (inference service id label, namespace, model and version id labels), in
 * namespace/name order so the result does not depend on the order the cluster or a snapshot returned. The two
 * sources never see each other; this is the one place that knows how they relate.
 */
final class DeploymentJoin implements DeploymentMatcher<DeploymentJoin.Match> {

    /** A KServe deployment as the registry mapper sees it. */
    record Match(KServeDeployment deployment) implements LiveDeployment {
        @Override
        public String name() {
            return deployment.name();
        }

        @Override
        public String namespace() {
            return deployment.namespace();
        }

        @Override
        public boolean serving() {
            return deployment.ready() && !deployment.stopped();
        }

        @Override
        public boolean stopped() {
            return deployment.stopped();
        }

        @Override
        public long lastUpdated() {
            return deployment.lastUpdated();
        }

        @Override
        public ServerFacts serverFacts(String description) {
            return KServeMapper.serverFacts(deployment, description);
        }
    }

    private final Map<String, List<KServeDeployment>> byInferenceServiceId = new HashMap<>();
    private final Map<String, List<KServeDeployment>> byNamespace = new HashMap<>();
    private final Map<String, List<KServeDeployment>> byVersionLabels = new HashMap<>();

    DeploymentJoin(List<KServeDeployment> deployments) {
        List<KServeDeployment> sorted = deployments.stream()
                .sorted(Comparator.comparing(KServeDeployment::namespace)
                        .thenComparing(KServeDeployment::name)
                        .thenComparing(KServeDeployment::kind))
                .toList();
        for (KServeDeployment d : sorted) {
            String isId = d.labels().get(KServeDeployment.LABEL_INFERENCE_SERVICE_ID);
            if (isId != null) {
                byInferenceServiceId
                        .computeIfAbsent(isId, k -> new ArrayList<>())
                        .add(d);
            }
            byNamespace.computeIfAbsent(d.namespace(), k -> new ArrayList<>()).add(d);
            String rmId = d.labels().get(KServeDeployment.LABEL_REGISTERED_MODEL_ID);
            String mvId = d.labels().get(KServeDeployment.LABEL_MODEL_VERSION_ID);
            if (rmId != null && mvId != null) {
                byVersionLabels
                        .computeIfAbsent(rmId + "/" + mvId, k -> new ArrayList<>())
                        .add(d);
            }
        }
    }

    /**
     * Maps one registry with these deployments joined in; {@code claimed} lists the KServe deployments a registry
     * inference service accounts for (not to be mapped again as KServe-only).
     */
    static KfmrMapper.Result<KServeDeployment> map(
            RegistryContents contents, List<KServeDeployment> deployments, MappingSettings settings) {
        return new RegistryMappings().map(contents, new DeploymentJoin(deployments), settings);
    }

    /**
     * The KServe deployment of a registry inference service: by the {@code inference-service-id} label the MR
     * controller writes back, else by the exact KFMR name {@code <isvc>/<uid>}, else by the dashboard's model and
     * version id labels — each also in the serving environment's namespace when that is known — else, when the
     * registry has no {@code url} for it, by its InferenceService name in that namespace (a deployment the MR
     * controller never labelled, or re-created with a new uid: its {@code status.url} is better than no server).
     * Never by name prefix or by runtime name (Go bugs 7, 8).
     */
    @Override
    public Optional<Match> match(
            String registryId, InferenceService is, ServingEnvironment env, RegisteredModel rm, ModelVersion mv) {
        String ns = env == null || env.name() == null || env.name().isBlank() ? null : env.name();
        Predicate<KServeDeployment> inNamespace = d -> ns == null || ns.equals(d.namespace());
        // Ids are per registry: a deployment labelled for another registry is never this one's.
        Predicate<KServeDeployment> ofThisRegistry = d -> {
            String label = d.labels().get(KServeDeployment.LABEL_REGISTRY_NAME);
            return label == null || label.isBlank() || KServeMapper.namesRegistry(registryId, label);
        };
        Optional<KServeDeployment> hit = withInferenceServiceId(is.id()).stream()
                .filter(ofThisRegistry)
                .filter(inNamespace)
                .filter(d -> labelAbsentOrEqual(d, KServeDeployment.LABEL_REGISTERED_MODEL_ID, rm.id()))
                .findFirst();
        if (hit.isEmpty()) {
            hit = in(ns).stream()
                    .filter(ofThisRegistry)
                    .filter(d -> d.uid() != null && Objects.equals(is.name(), d.name() + "/" + d.uid()))
                    .findFirst();
        }
        if (hit.isEmpty()) {
            // A deployment already tied to an inference service id belongs to that one, not to a look-alike.
            hit = labelled(rm.id(), mv.id()).stream()
                    .filter(ofThisRegistry)
                    .filter(inNamespace)
                    .filter(d -> !d.labels().containsKey(KServeDeployment.LABEL_INFERENCE_SERVICE_ID))
                    .findFirst();
        }
        if (hit.isEmpty() && ns != null && !hasUrl(is)) {
            String name = deploymentName(is);
            hit = in(ns).stream()
                    .filter(ofThisRegistry)
                    .filter(d -> d.name().equals(name) && KServeDeployments.KIND_ISVC.equals(d.kind()))
                    .filter(d -> labelAbsentOrEqual(d, KServeDeployment.LABEL_INFERENCE_SERVICE_ID, is.id()))
                    .findFirst();
        }
        return hit.map(Match::new);
    }

    /** KServe deployments labelled with this inference service id, in namespace/name order. */
    private List<KServeDeployment> withInferenceServiceId(String isId) {
        return isId == null ? List.of() : byInferenceServiceId.getOrDefault(isId, List.of());
    }

    /** KServe deployments of a namespace, in name order. */
    private List<KServeDeployment> in(String namespace) {
        return namespace == null ? List.of() : byNamespace.getOrDefault(namespace, List.of());
    }

    /** KServe deployments labelled with this registered model and model version id. */
    private List<KServeDeployment> labelled(String rmId, String mvId) {
        return rmId == null || mvId == null ? List.of() : byVersionLabels.getOrDefault(rmId + "/" + mvId, List.of());
    }

    /** The InferenceService name of a registry inference service: its name before {@code /<uid>}. */
    static String deploymentName(InferenceService is) {
        String n = is.name() == null ? "" : is.name();
        int slash = n.indexOf('/');
        return slash > 0 ? n.substring(0, slash) : n;
    }

    private static boolean hasUrl(InferenceService is) {
        MetadataValue url = is.customProperties().get("url");
        return url != null && !url.asText().isBlank();
    }

    private static boolean labelAbsentOrEqual(KServeDeployment d, String label, String value) {
        String v = d.labels().get(label);
        return v == null || v.equals(value);
    }
}
