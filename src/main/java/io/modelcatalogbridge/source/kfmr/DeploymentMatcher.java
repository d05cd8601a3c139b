package io.modelcatalogbridge.source.kfmr;

import java.util.Optional;

/**
 * Finds the cluster deployment a registry inference service runs as. Supplied by the caller (the sync engine joins
 * registries to KServe), so this adapter never imports another source.
 *
 * @param <D> the deployments matched, handed back in {@link KfmrMapper.Result#claimed()}
 */
@FunctionalInterface
public interface DeploymentMatcher<D extends LiveDeployment> {

    /**
     * The deployment of {@code service}, registered in {@code registryId} for version {@code version} of
     * {@code model}, in the serving environment {@code environment} (null when unknown); empty when none matches.
     */
    Optional<D> match(
            String registryId,
            InferenceService service,
            ServingEnvironment environment,
            RegisteredModel model,
            ModelVersion version);

    /** No cluster data: versions get a model server from the registry's own {@code url} property only. */
    static <D extends LiveDeployment> DeploymentMatcher<D> none() {
        return (registryId, service, environment, model, version) -> Optional.empty();
    }
}
