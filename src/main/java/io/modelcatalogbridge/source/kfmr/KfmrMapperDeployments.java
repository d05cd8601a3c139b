package io.modelcatalogbridge.source.kfmr;

import io.modelcatalogbridge.model.ModelServer;
import io.modelcatalogbridge.model.ModelServers;
import io.modelcatalogbridge.model.ServerFacts;
import io.modelcatalogbridge.model.WellKnownValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which deployment serves a model version, and the model server it gives. */
final class KfmrMapperDeployments {
    private KfmrMapperDeployments() {}

    /**
     * A registry inference service serving the version, its serving environment (namespace) when known, and the
     * cluster deployment it matched, when one did.
     */
    record Deployment<D extends LiveDeployment>(InferenceService service, ServingEnvironment environment, D live) {
        /** The InferenceService name: from the cluster, else the part of the KFMR name before {@code /<uid>}. */
        Optional<String> deploymentName() {
            if (live != null) {
                return Optional.of(live.name());
            }
            String n = service.name();
            if (n == null || n.isBlank()) {
                return Optional.empty();
            }
            int slash = n.indexOf('/');
            return Optional.of(slash > 0 ? n.substring(0, slash) : n);
        }

        Optional<String> namespace() {
            if (live != null) {
                return Optional.of(live.namespace());
            }
            return Optional.ofNullable(environment)
                    .map(ServingEnvironment::name)
                    .filter(s -> !s.isBlank());
        }
    }

    /**
     * The deployment of a version: the deployed inference service with the lowest id (others are reported), and
     * its cluster match.
     */
    static <D extends LiveDeployment> Optional<Deployment<D>> select(
            KfmrMapperIndex index,
            DeploymentMatcher<D> matcher,
            RegisteredModel rm,
            ModelVersion mv,
            String context,
            List<String> problems) {
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
        String registryId = index.contents.registryId();
        return Optional.of(new Deployment<>(
                chosen, env, matcher.match(registryId, chosen, env, rm, mv).orElse(null)));
    }

    /**
     * The model server: with cluster data, only when the deployment is ready and not stopped; without, from the
     * {@code url} property KFMR ≥ 0.2.18 mirrors from {@code status.url}. No URL, no server.
     */
    static Optional<ModelServer> server(
            Deployment<?> dep,
            String fallbackNamespace,
            String fallbackName,
            String description,
            String artifactFormat,
            WellKnownValues values,
            String owner,
            String lifecycle) {
        ServerFacts facts;
        if (dep.live() != null) {
            if (!dep.live().serving()) {
                return Optional.empty();
            }
            facts = dep.live().serverFacts(description);
        } else {
            String url = KfmrMapperProperties.text(dep.service().customProperties(), "url");
            if (url == null || url.isBlank()) {
                return Optional.empty();
            }
            boolean internal = ServerFacts.isClusterLocal(url);
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

    /** Why {@link #server} gave no model server for a deployment. */
    static UnservedDeployment.Reason whyNoServer(Deployment<?> dep) {
        if (dep.live() != null && !dep.live().serving()) {
            return dep.live().stopped() ? UnservedDeployment.Reason.STOPPED : UnservedDeployment.Reason.NOT_READY;
        }
        return UnservedDeployment.Reason.NO_URL;
    }
}
