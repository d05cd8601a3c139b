package io.modelcatalogbridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcatalogbridge.serve.location.ExampleDocuments;
import io.modelcatalogbridge.source.kfmr.InferenceService;
import io.modelcatalogbridge.source.kfmr.KfmrJson;
import io.modelcatalogbridge.source.kfmr.MetadataValue;
import io.modelcatalogbridge.source.kfmr.ModelArtifact;
import io.modelcatalogbridge.source.kfmr.ModelVersion;
import io.modelcatalogbridge.source.kfmr.RegisteredModel;
import io.modelcatalogbridge.source.kfmr.RegistryContents;
import io.modelcatalogbridge.source.kfmr.ServingEnvironment;
import io.modelcatalogbridge.source.snapshot.SnapshotDirectory;
import io.modelcatalogbridge.testing.KfmrRecords;
import io.modelcatalogbridge.testing.StubModelRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The registry of the full-chain scenario: {@code examples/registry-snapshot} plus the records of
 * {@code src/test/resources/fixtures/full-chain} (see its README), and the edits the scenario makes to it — each
 * as a registry would make it (new {@code lastUpdateTimeSinceEpoch}, records kept in id order).
 */
final class ChainRegistry {

    static final String REGISTRY_ID = "modelregistry-public";
    static final Path FIXTURE = Path.of("src/test/resources/fixtures/full-chain");

    private static final ObjectMapper JSON = KfmrJson.mapper();

    private ChainRegistry() {}

    /** The example snapshot with three deployments (mnist v1, granite 1.4.0, credit-risk v2) and no churn. */
    static RegistryContents initial() {
        RegistryContents c = SnapshotDirectory.read(ExampleDocuments.SNAPSHOT).registry();
        List<ServingEnvironment> envs = new ArrayList<>(c.servingEnvironments());
        envs.addAll(items(FIXTURE.resolve("serving_environments.json"), ServingEnvironment.class));
        List<InferenceService> services = new ArrayList<>(c.inferenceServices());
        services.addAll(items(FIXTURE.resolve("inference_services.json"), InferenceService.class));
        return new RegistryContents(
                REGISTRY_ID,
                c.registeredModels(),
                c.modelVersions(),
                c.artifactsByVersion(),
                services,
                envs,
                c.catalogModels());
    }

    /** The model card the catalog holds for granite (the readme of its catalog model). */
    static String graniteCard(RegistryContents c) {
        return c.catalogModels().stream()
                .filter(m -> m.name().equals("rhelai1/granite-3.1-8b-lab-v1"))
                .findFirst()
                .orElseThrow()
                .readme();
    }

    /** The churn model: registered, one version with its artifact, deployed. */
    static void registerChurn(StubModelRegistry registry) {
        RegisteredModel rm = read(FIXTURE.resolve("churn/registered_model.json"), RegisteredModel.class);
        ModelVersion mv = read(FIXTURE.resolve("churn/model_version.json"), ModelVersion.class);
        registry.addRegisteredModel(rm);
        registry.addModelVersion(mv, items(FIXTURE.resolve("churn/artifacts.json"), ModelArtifact.class));
        InferenceService is = read(FIXTURE.resolve("churn/inference_service.json"), InferenceService.class);
        registry.mutate(c -> KfmrRecords.withServices(c, append(c.inferenceServices(), is)));
    }

    static String churnCard() {
        return read(FIXTURE.resolve("churn/registered_model.json"), RegisteredModel.class)
                .readme();
    }

    /** Adds (or replaces) string custom properties of a version and bumps its update time, as the dashboard does. */
    static UnaryOperator<RegistryContents> setVersionProperties(String versionId, Map<String, String> properties) {
        String now = Long.toString(System.currentTimeMillis());
        return KfmrRecords.editVersion(
                versionId,
                v -> KfmrRecords.edited(v, v.description(), withStrings(v.customProperties(), properties), now));
    }

    /** A new {@code url} on an inference service, as the MR controller writes after a KServe status change. */
    static UnaryOperator<RegistryContents> setServiceUrl(String serviceId, String url) {
        String now = Long.toString(System.currentTimeMillis());
        return KfmrRecords.editService(
                serviceId,
                s -> KfmrRecords.edited(
                        s, withStrings(s.customProperties(), Map.of("url", url)), s.desiredState(), now));
    }

    /**
     * The MR controller's record of a deleted deployment: {@code desiredState=UNDEPLOYED}, new update time. The
     * version's newest input time drops (an undeployed service is no input), which storage's stale guard sees.
     */
    static UnaryOperator<RegistryContents> undeploy(String serviceId) {
        String now = Long.toString(System.currentTimeMillis());
        return KfmrRecords.editService(serviceId, s -> KfmrRecords.edited(s, s.customProperties(), "UNDEPLOYED", now));
    }

    private static Map<String, MetadataValue> withStrings(Map<String, MetadataValue> props, Map<String, String> add) {
        Map<String, MetadataValue> out = new HashMap<>(props);
        add.forEach((k, v) -> out.put(k, new MetadataValue.StringValue(v)));
        return out;
    }

    private static <T> List<T> items(Path listFile, Class<T> type) {
        JsonNode envelope = read(listFile, JsonNode.class);
        List<T> out = new ArrayList<>();
        envelope.path("items").forEach(n -> out.add(JSON.convertValue(n, type)));
        return out;
    }

    private static <T> T read(Path file, Class<T> type) {
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + file, e);
        }
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.add(item);
        return out;
    }
}
