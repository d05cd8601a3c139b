package io.modelcatalogbridge.sync;

import io.modelcatalogbridge.model.DocumentKey;
import io.modelcatalogbridge.source.kfmr.InferenceService;
import io.modelcatalogbridge.source.kfmr.MetadataValue;
import io.modelcatalogbridge.source.kfmr.ModelArtifact;
import io.modelcatalogbridge.source.kfmr.ModelVersion;
import io.modelcatalogbridge.source.kfmr.RegisteredModel;
import io.modelcatalogbridge.source.kfmr.RegistryContents;
import io.modelcatalogbridge.source.kfmr.ServingEnvironment;
import io.modelcatalogbridge.source.snapshot.SnapshotDirectory;
import io.modelcatalogbridge.testing.KfmrRecords;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The registry the normalizer tests serve: the example snapshot (4 live versions of 5 models, one deployed) plus
 * two undeployed inference services and two serving environments, so that at page size 2 every list has more
 * than one page. The deployed inference service carries no {@code url} property (registries before 0.2.18), so
 * a model server appears only when KServe reports the deployment ready.
 */
final class NormalizerFixtures {

    static final Path SNAPSHOT = Path.of("examples/registry-snapshot");
    /** Documents the baseline publishes (live versions of live models). */
    static final List<String> BASELINE_KEYS = List.of(
            DocumentKey.of("Sentiment Analysis_en", "v1_0").storageKey(),
            "credit-risk_v2",
            "granite-3.1-8b-lab-v1_1.4.0",
            "mnist_v1");

    private NormalizerFixtures() {}

    static RegistryContents baseline(String registryId) {
        RegistryContents c = SnapshotDirectory.read(SNAPSHOT).registry();
        List<InferenceService> services = new ArrayList<>(c.inferenceServices().stream()
                .map(is -> withState(is, is.desiredState(), Map.of()))
                .toList());
        services.add(new InferenceService(
                "20",
                "old-credit/0d6a",
                null,
                null,
                Map.of(),
                "1745000000000",
                "1745000000000",
                "10",
                "11",
                "21",
                "ovms",
                "UNDEPLOYED"));
        services.add(new InferenceService(
                "22",
                "old-mnist/77aa",
                null,
                null,
                Map.of(),
                "1745000000000",
                "1745000000000",
                "1",
                "2",
                "23",
                "ovms",
                "UNDEPLOYED"));
        List<ServingEnvironment> envs = new ArrayList<>(c.servingEnvironments());
        envs.add(new ServingEnvironment("21", "team-b", null, null, Map.of(), "1745000000000", "1745000000000"));
        envs.add(new ServingEnvironment("23", "team-c", null, null, Map.of(), "1745000000000", "1745000000000"));
        return new RegistryContents(
                registryId,
                c.registeredModels(),
                c.modelVersions(),
                c.artifactsByVersion(),
                services,
                envs,
                c.catalogModels());
    }

    /** The same contents with inference service {@code id} in {@code desiredState}, as the MR controller sets it. */
    static RegistryContents withInferenceServiceState(RegistryContents c, String id, String desiredState) {
        return new RegistryContents(
                c.registryId(),
                c.registeredModels(),
                c.modelVersions(),
                c.artifactsByVersion(),
                c.inferenceServices().stream()
                        .map(is -> is.id().equals(id) ? withState(is, desiredState, is.customProperties()) : is)
                        .toList(),
                c.servingEnvironments(),
                c.catalogModels());
    }

    private static InferenceService withState(InferenceService is, String state, Map<String, MetadataValue> props) {
        return new InferenceService(
                is.id(),
                is.name(),
                is.description(),
                is.externalId(),
                props,
                is.createTimeSinceEpoch(),
                Long.toString(Long.parseLong(is.lastUpdateTimeSinceEpoch()) + 1),
                is.registeredModelId(),
                is.modelVersionId(),
                is.servingEnvironmentId(),
                is.runtime(),
                state);
    }

    static RegisteredModel model(String id, String name, long updated) {
        return new RegisteredModel(
                id,
                name,
                "A model registered by a test",
                null,
                Map.of(),
                Long.toString(updated),
                Long.toString(updated),
                "test-owner",
                "LIVE",
                null,
                null,
                null,
                null);
    }

    static ModelVersion version(String id, String modelId, String name, long updated) {
        return new ModelVersion(
                id,
                name,
                null,
                null,
                Map.of(),
                Long.toString(updated),
                Long.toString(updated),
                modelId,
                "LIVE",
                "kube:admin");
    }

    static ModelArtifact artifact(String id, String name, long updated) {
        return KfmrRecords.artifact(id, name, "https://example.com/models/" + name + ".onnx", Long.toString(updated));
    }
}
