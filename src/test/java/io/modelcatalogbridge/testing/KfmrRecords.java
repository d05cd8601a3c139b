package io.modelcatalogbridge.testing;

import io.modelcatalogbridge.source.kfmr.InferenceService;
import io.modelcatalogbridge.source.kfmr.MetadataValue;
import io.modelcatalogbridge.source.kfmr.ModelArtifact;
import io.modelcatalogbridge.source.kfmr.ModelVersion;
import io.modelcatalogbridge.source.kfmr.RegisteredModel;
import io.modelcatalogbridge.source.kfmr.RegistryContents;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * KFMR records for tests, and the edits a registry makes to them: one place for the 20-argument artifact and the
 * copies of a version or an inference service with a field changed, instead of positional arguments padded with nulls
 * in every test that needs one.
 */
public final class KfmrRecords {

    private KfmrRecords() {}

    /**
     * A live registered model with no owner, properties or catalog fields, created and last updated at {@code updated}
     * (null: unset); any argument may be null.
     */
    public static RegisteredModel registeredModel(String id, String name, String description, String updated) {
        return new RegisteredModel(
                id, name, description, null, Map.of(), updated, updated, null, "LIVE", null, null, null, null);
    }

    /** A live ONNX model artifact at {@code uri}, created and last updated at {@code updated} (null: unset). */
    public static ModelArtifact artifact(String id, String name, String uri, String updated) {
        return new ModelArtifact(
                id,
                name,
                null,
                null,
                Map.of(),
                updated,
                updated,
                "model-artifact",
                uri,
                "LIVE",
                "onnx",
                "1",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** {@code a} with the model source fields that tie it to a catalog model (KFMR 0.2.x). */
    public static ModelArtifact withModelSource(ModelArtifact a, String kind, String cls, String group, String name) {
        return new ModelArtifact(
                a.id(),
                a.name(),
                a.description(),
                a.externalId(),
                a.customProperties(),
                a.createTimeSinceEpoch(),
                a.lastUpdateTimeSinceEpoch(),
                a.artifactType(),
                a.uri(),
                a.state(),
                a.modelFormatName(),
                a.modelFormatVersion(),
                a.storageKey(),
                a.storagePath(),
                a.serviceAccountName(),
                kind,
                cls,
                group,
                null,
                name);
    }

    /** {@code v} as the dashboard writes an edit: new description and custom properties, new update time. */
    public static ModelVersion edited(
            ModelVersion v, String description, Map<String, MetadataValue> properties, String updated) {
        return new ModelVersion(
                v.id(),
                v.name(),
                description,
                v.externalId(),
                properties,
                v.createTimeSinceEpoch(),
                updated,
                v.registeredModelId(),
                v.state(),
                v.author());
    }

    /** {@code s} as the MR controller writes a change: new custom properties and desired state, new update time. */
    public static InferenceService edited(
            InferenceService s, Map<String, MetadataValue> properties, String desiredState, String updated) {
        return new InferenceService(
                s.id(),
                s.name(),
                s.description(),
                s.externalId(),
                properties,
                s.createTimeSinceEpoch(),
                updated,
                s.registeredModelId(),
                s.modelVersionId(),
                s.servingEnvironmentId(),
                s.runtime(),
                desiredState);
    }

    /** The contents with version {@code id} replaced by {@code edit} of it; every other record as it was. */
    public static UnaryOperator<RegistryContents> editVersion(String id, UnaryOperator<ModelVersion> edit) {
        return c -> new RegistryContents(
                c.registryId(),
                c.registeredModels(),
                c.modelVersions().stream()
                        .map(v -> v.id().equals(id) ? edit.apply(v) : v)
                        .toList(),
                c.artifactsByVersion(),
                c.inferenceServices(),
                c.servingEnvironments(),
                c.catalogModels());
    }

    /** The contents with inference service {@code id} replaced by {@code edit} of it; every other record as it was. */
    public static UnaryOperator<RegistryContents> editService(String id, UnaryOperator<InferenceService> edit) {
        return c -> withServices(
                c,
                c.inferenceServices().stream()
                        .map(s -> s.id().equals(id) ? edit.apply(s) : s)
                        .toList());
    }

    /** The contents with these inference services instead of its own. */
    public static RegistryContents withServices(RegistryContents c, List<InferenceService> services) {
        return new RegistryContents(
                c.registryId(),
                c.registeredModels(),
                c.modelVersions(),
                c.artifactsByVersion(),
                services,
                c.servingEnvironments(),
                c.catalogModels());
    }

    /** The contents with these artifacts per version instead of its own. */
    public static RegistryContents withArtifacts(RegistryContents c, Map<String, List<ModelArtifact>> artifacts) {
        return new RegistryContents(
                c.registryId(),
                c.registeredModels(),
                c.modelVersions(),
                artifacts,
                c.inferenceServices(),
                c.servingEnvironments(),
                c.catalogModels());
    }
}
