package io.modelcatalogbridge.source.kfmr;

import io.modelcatalogbridge.model.ModelServer;
import io.modelcatalogbridge.model.ModelServers;
import io.modelcatalogbridge.model.ServerFacts;
import io.modelcatalogbridge.model.WellKnownValues;
import io.modelcatalogbridge.source.kserve.KServeDeployment;
import io.modelcatalogbridge.source.kserve.KServeDeployments;
import io.modelcatalogbridge.source.kserve.KServeMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/** Which deployment serves a model version, and the model server it gives. */
final class KfmrMapperDeployments {
    private KfmrMapperDeployments() {}

    /**
     * A registry inference service serving the version, its serving environment (namespace) when known, and the
     * KServe deployment it matched, when one did.
     */
    record Deployment(InferenceService service, ServingEnvironment environment, KServeDeployment kserve) {
        /** The InferenceService name: from KServe, else the part of the KFMR name before {@code /<uid>}. */
        Optional<String> deploymentName() {
            if (kserve != null) {
                return Optional.of(kserve.name());
            }
            String n = service.name();
            if (n == null || n.isBlank()) {
                return Optional.empty();
            }
            int slash = n.indexOf('/');
            return Optional.of(slash > 0 ? n.substring(0, slash) : n);
        }

        Optional<String> namespace() {
            if (kserve != null) {
                return Optional.of(kserve.namespace());
            }
            return Optional.ofNullable(environment)
                    .map(ServingEnvironment::name)
                    .filter(s -> !s.isBlank());
        }
    }

    /**
     * The deployment of a version: the deployed inference service with the lowest id (others are reported), and
     * its KServe match.
     */
    static Optional<Deployment> select(
            KfmrMapperIndex index, RegisteredModel rm, ModelVersion mv, String context, List<String> problems) {
        List<InferenceService> candidates = index.deployedServices(rm, mv);
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        InferenceService chosen = candidates.get(0);
        if (candidates.size() > 1) {
            List<String> others =
                    candidates.stream().skip(1).map(InferenceService::id).toList();
            problems.add(context + ": " + candidates.size() + " deployed inference services, using id " + chosen.id()
                    + ", ignoring " + String.join(", ", others));
        }
        ServingEnvironment env =
                index.environment(chosen.servingEnvironmentId()).orElse(null);
        return Optional.of(new Deployment(chosen, env, match(index, chosen, env, rm, mv)));
    }

    /**
     * The KServe deployment of a registry inference service: by the {@code inference-service-id} label the MR
     * controller writes back, else by the exact KFMR name {@code <isvc>/<uid>}, else by the dashboard's model
     * and version id labels — each also in the serving environment's namespace when that is known. Never by name
     * prefix or by runtime name (Go bugs 7, 8).
     */
    static KServeDeployment match(
            KfmrMapperIndex index, InferenceService is, ServingEnvironment env, RegisteredModel rm, ModelVersion mv) {
        String ns = env == null || env.name() == null || env.name().isBlank() ? null : env.name();
        Predicate<KServeDeployment> inNamespace = d -> ns == null || ns.equals(d.namespace());
        String registryId = index.contents.registryId();
        // Ids are per registry: a deployment labelled for another registry is never this one's.
        Predicate<KServeDeployment> ofThisRegistry = d -> {
            String label = d.labels().get(KServeDeployment.LABEL_REGISTRY_NAME);
            return label == null || label.isBlank() || KServeMapper.namesRegistry(registryId, label);
        };
        Optional<KServeDeployment> hit = index.deploymentsWithInferenceServiceId(is.id()).stream()
                .filter(ofThisRegistry)
                .filter(inNamespace)
                .filter(d -> labelAbsentOrEqual(d, KServeDeployment.LABEL_REGISTERED_MODEL_ID, rm.id()))
                .findFirst();
        if (hit.isEmpty()) {
            hit = index.deploymentsIn(ns).stream()
                    .filter(ofThisRegistry)
                    .filter(d -> d.uid() != null && Objects.equals(is.name(), d.name() + "/" + d.uid()))
                    .findFirst();
        }
        if (hit.isEmpty()) {
            // A deployment already tied to an inference service id belongs to that one, not to a look-alike.
            hit = index.deploymentsLabelled(rm.id(), mv.id()).stream()
                    .filter(ofThisRegistry)
                    .filter(inNamespace)
                    .filter(d -> !d.labels().containsKey(KServeDeployment.LABEL_INFERENCE_SERVICE_ID))
                    .findFirst();
        }
        return hit.orElse(null);
    }

    private static boolean labelAbsentOrEqual(KServeDeployment d, String label, String value) {
        String v = d.labels().get(label);
        return v == null || v.equals(value);
    }

    /**
     * The model server: with KServe data, only when the deployment is ready and not stopped; without, from the
     * {@code url} property KFMR ≥ 0.2.18 mirrors from {@code status.url}. No URL, no server.
     */
    static Optional<ModelServer> server(
            Deployment dep,
            String fallbackNamespace,
            String fallbackName,
            String description,
            String artifactFormat,
            WellKnownValues values,
            String owner,
            String lifecycle) {
        ServerFacts facts;
        if (dep.kserve() != null) {
            KServeDeployment k = dep.kserve();
            if (!k.ready() || k.stopped()) {
                return Optional.empty();
            }
            facts = KServeMapper.serverFacts(k, description);
        } else {
            String url = KfmrMapperProperties.text(dep.service().customProperties(), "url");
            if (url == null || url.isBlank()) {
                return Optional.empty();
            }
            boolean internal = KServeDeployments.isClusterLocal(url);
            List<String> tags = new ArrayList<>();
            tags.add(artifactFormat);
            tags.add(dep.service().runtime());
            facts = new ServerFacts(
                    dep.namespace().orElse(fallbackNamespace),
                    dep.deploymentName().orElse(fallbackName),
                    description,
                    internal ? null : url.trim(),
                    internal ? url.trim() : null,
                    null,
                    tags,
                    null);
        }
        return ModelServers.build(facts, values, owner, lifecycle);
    }
}
