package io.modelcatalogbridge.source.kfmr;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything read from one Kubeflow Model Registry in one full read, joined in memory by the mapper. Lists are
 * in the registry's order (ID ascending); nothing here is filtered yet (archived records included).
 *
 * @param registryId          stable id of the registry (route name, configured name, or snapshot name)
 * @param registeredModels    all registered models
 * @param modelVersions       all model versions of all registered models
 * @param artifactsByVersion  the artifact list of each model version, by version id
 * @param inferenceServices   all KFMR inference services
 * @param servingEnvironments all serving environments
 * @param catalogModels       model-catalog models (model cards) referenced by artifacts, when a catalog was read
 */
public record RegistryContents(
        String registryId,
        List<RegisteredModel> registeredModels,
        List<ModelVersion> modelVersions,
        Map<String, List<ModelArtifact>> artifactsByVersion,
        List<InferenceService> inferenceServices,
        List<ServingEnvironment> servingEnvironments,
        List<CatalogModel> catalogModels) {

    public RegistryContents {
        Objects.requireNonNull(registryId, "registryId");
        registeredModels = List.copyOf(registeredModels);
        modelVersions = List.copyOf(modelVersions);
        artifactsByVersion = Map.copyOf(artifactsByVersion);
        inferenceServices = List.copyOf(inferenceServices);
        servingEnvironments = List.copyOf(servingEnvironments);
        catalogModels = catalogModels == null ? List.of() : List.copyOf(catalogModels);
    }

    /** The same contents under another registry id (a snapshot replayed as the registry it was named after). */
    public RegistryContents withRegistryId(String id) {
        return new RegistryContents(
                id,
                registeredModels,
                modelVersions,
                artifactsByVersion,
                inferenceServices,
                servingEnvironments,
                catalogModels);
    }
}
