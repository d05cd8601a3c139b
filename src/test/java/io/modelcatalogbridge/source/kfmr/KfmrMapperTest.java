package io.modelcatalogbridge.source.kfmr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcatalogbridge.model.ApiType;
import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.model.DocumentKey;
import io.modelcatalogbridge.model.MappingSettings;
import io.modelcatalogbridge.model.Model;
import io.modelcatalogbridge.model.ModelServer;
import io.modelcatalogbridge.model.SourceKind;
import io.modelcatalogbridge.testing.KfmrRecords;
import io.modelcatalogbridge.testing.MappingFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KfmrMapperTest {
    private static final MappingSettings DEFAULTS = MappingSettings.defaults();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static KfmrMapper.Result<?> mnist() {
        return KfmrMapper.map(MappingFixtures.registry("kfmr/mnist.json"), DEFAULTS);
    }

    private static CatalogDocument doc(KfmrMapper.Result<?> r, String rm, String mv) {
        return r.documents().stream()
                .filter(d -> d.key().equals(DocumentKey.of(rm, mv)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no document " + rm + "/" + mv + " in " + r.documents()));
    }

    private static Model model(KfmrMapper.Result<?> r, String rm, String mv) {
        return doc(r, rm, mv).catalog().models().get(0);
    }

    @Test
    void oneDocumentPerLiveModelAndLiveVersion() {
        KfmrMapper.Result<?> r = mnist();
        assertEquals(
                List.of(DocumentKey.of("mnist", "v1"), DocumentKey.of("mnist", "v3")),
                r.documents().stream().map(CatalogDocument::key).toList());
        CatalogDocument d = doc(r, "mnist", "v1");
        assertEquals("modelregistry-public", d.sourceId());
        assertEquals(SourceKind.KUBEFLOW, d.kind());
        assertEquals(List.of(), r.problems());
    }

    @Test
    void archivedModelsAndArchivedVersionsProduceNoDocument() {
        KfmrMapper.Result<?> r = mnist();
        assertTrue(r.documents().stream().noneMatch(d -> d.key().name().equals("v2")), "archived version v2");
        assertTrue(
                r.documents().stream().noneMatch(d -> d.key().group().equals("old-model")),
                "live version of an archived model");
    }

    @Test
    void everyWellKnownFieldKeyFillsItsField() {
        Model m = model(mnist(), "mnist", "v1");
        assertEquals("No personal data", m.ethics());
        assertEquals("https://example.com/how-to-use", m.howToUseURL());
        assertEquals("Trained on MNIST", m.training());
        assertEquals("Apache-2.0", m.license());
        ModelServer s = doc(mnist(), "mnist", "v1").catalog().modelServer();
        assertEquals("https://example.com/mnist", s.homepageURL());
        assertEquals("https://example.com/openapi.json", s.api().spec());
        assertEquals(ApiType.GRPC, s.api().type());
        assertEquals("POST an image", s.usage());
    }

    @Test
    void versionPropertiesOverrideModelProperties() {
        KfmrMapper.Result<?> r = mnist();
        Model v1 = model(r, "mnist", "v1");
        assertEquals("POST an image", v1.usage());
        assertEquals("https://example.com/issues", v1.support());
        assertTrue(
                v1.tags().contains("kubeflow-community") && !v1.tags().contains("red-hat"),
                v1.tags().toString());
        Model v3 = model(r, "mnist", "v3");
        assertEquals("model-level usage", v3.usage());
        assertEquals("model-level support", v3.support());
        assertTrue(v3.tags().contains("red-hat"), v3.tags().toString());
    }

    @Test
    void tagsCombineWellKnownValuesPropertiesLabelsAndArtifactProperties() {
        assertEquals(
                List.of(
                        "1",
                        "artifact-label",
                        "epochs-10",
                        "framework-onnx",
                        "grpc",
                        "kubeflow-community",
                        "mnist",
                        "model-catalog",
                        "quantized-true",
                        "stage-prod",
                        "tarilabs",
                        "text-classification"),
                model(mnist(), "mnist", "v1").tags());
    }

    @Test
    void labelPropertiesWithEmptyValuesBecomeBareTags() {
        List<String> tags = model(mnist(), "mnist", "v3").tags();
        assertTrue(tags.contains("text-classification"), tags.toString());
        assertEquals(List.of("framework-onnx", "red-hat", "text-classification"), tags);
    }

    @Test
    void invalidInternalStructAndOverlongPropertiesAreNotTags() {
        List<String> tags = model(mnist(), "mnist", "v1").tags();
        assertTrue(
                tags.stream()
                        .noneMatch(t -> t.startsWith("accuracy")
                                || t.startsWith("config")
                                || t.startsWith("_")
                                || t.startsWith("this-label")
                                || t.contains("mixed")
                                || t.startsWith("doc-label")),
                tags.toString());
        assertTrue(tags.stream().allMatch(t -> t.length() <= 63));
    }

    @Test
    void descriptionFallsBackFromVersionToModelToAGeneratedSentence() {
        KfmrMapper.Result<?> r = mnist();
        assertEquals("First version", model(r, "mnist", "v1").description());
        assertEquals("Handwritten digit classifier", model(r, "mnist", "v3").description());
        KfmrMapper.Result<?> owners = KfmrMapper.map(MappingFixtures.registry("kfmr/owners.json"), DEFAULTS);
        assertEquals(
                "Version v1 of model c in model registry owners.",
                model(owners, "c", "v1").description());
    }

    @Test
    void artifactLocationIsTheFirstModelArtifactUriById() {
        assertEquals(
                "https://huggingface.co/tarilabs/mnist/resolve/v20231206163028/mnist.onnx",
                model(mnist(), "mnist", "v1").artifactLocationURL());
        assertNull(model(mnist(), "mnist", "v3").artifactLocationURL());
    }

    @Test
    void modelNameIsTheSanitisedModelAndVersionName() {
        assertEquals("mnist-v1", model(mnist(), "mnist", "v1").name());
        KfmrMapper.Result<?> cards = KfmrMapper.map(MappingFixtures.registry("kfmr/cards.json"), DEFAULTS);
        assertEquals("own-card-v1", model(cards, "own card", "v1").name());
        assertEquals(
                "granite-3.1-8b-lab-v1-1.4.0",
                model(cards, "granite-3.1-8b-lab-v1", "1.4.0").name());
    }

    @Test
    void lastUpdatedIsTheNumericMaximumOfAllInputs() {
        KfmrMapper.Result<?> r = mnist();
        // MV v1 has a 12-digit stamp that would win a string comparison (Go bug 16); the IS stamp is newest.
        assertEquals(1740512730723L, doc(r, "mnist", "v1").lastUpdated());
        assertEquals(1740498239000L, doc(r, "mnist", "v3").lastUpdated());
    }

    /**
     * A time the bridge's one parser refuses (Long.MAX, a sign, a leading zero beyond 13 digits, other scripts'
     * digits) is a mapping problem naming the input, and does not become the document's time: storage would refuse
     * the document, and one absurd time would pin the key.
     */
    @Test
    void aTimeTheParserRefusesIsAMappingProblemAndNotTheDocumentsTime() throws IOException {
        for (String bad :
                List.of("9223372036854775807", "-5", "+1000000000001", "01000000000001", "\u0661\u0667\u0664\u0660")) {
            JsonNode tree;
            try (InputStream in = getClass().getResourceAsStream("/fixtures/mapping/kfmr/mnist.json")) {
                tree = JSON.readTree(in);
            }
            for (JsonNode mv : tree.path("modelVersions")) {
                if ("6".equals(mv.path("id").asText())) {
                    ((ObjectNode) mv).put("lastUpdateTimeSinceEpoch", bad);
                }
            }
            KfmrMapper.Result<?> r = KfmrMapper.map(JSON.treeToValue(tree, RegistryContents.class), DEFAULTS);
            assertEquals(1740498237116L, doc(r, "mnist", "v3").lastUpdated(), bad + ": the registered model's time");
            assertEquals(1, r.problems().size(), r.problems().toString());
            assertTrue(
                    r.problems().get(0).contains("model version")
                            && r.problems().get(0).contains("lastUpdateTimeSinceEpoch"),
                    r.problems().get(0));
        }
    }

    @Test
    void ownerPrecedenceIsVersionThenModelPropertyThenModelFieldThenDefault() {
        KfmrMapper.Result<?> r = KfmrMapper.map(MappingFixtures.registry("kfmr/owners.json"), DEFAULTS);
        assertEquals("mv-owner", model(r, "a", "v1").owner());
        assertEquals("rm-prop-owner", model(r, "a", "v2").owner(), "blank MV Owner falls through");
        assertEquals("kube-admin", model(r, "b", "v1").owner());
        assertEquals("rhdh-rhoai-bridge", model(r, "c", "v1").owner());
        KfmrMapper.Result<?> configured = KfmrMapper.map(
                MappingFixtures.registry("kfmr/owners.json"), new MappingSettings("platform-team", "staging", null));
        assertEquals("platform-team", model(configured, "c", "v1").owner());
    }

    @Test
    void lifecyclePrecedenceIsVersionThenModelPropertyThenDefault() {
        KfmrMapper.Result<?> r = KfmrMapper.map(MappingFixtures.registry("kfmr/owners.json"), DEFAULTS);
        assertEquals("production", model(r, "a", "v1").lifecycle());
        assertEquals("rm-lifecycle", model(r, "a", "v2").lifecycle());
        assertEquals("development", model(r, "b", "v1").lifecycle());
        KfmrMapper.Result<?> configured = KfmrMapper.map(
                MappingFixtures.registry("kfmr/owners.json"), new MappingSettings(null, "staging", null));
        assertEquals("staging", model(configured, "b", "v1").lifecycle());
    }

    @Test
    void recordsThatCannotBeMappedAreProblemsAndTheOthersStillMap() {
        RegistryContents base = MappingFixtures.registry("kfmr/mnist.json");
        List<RegisteredModel> models = new ArrayList<>(base.registeredModels());
        models.add(KfmrRecords.registeredModel("20", null, null, null));
        List<ModelVersion> versions = new ArrayList<>(base.modelVersions());
        versions.add(new ModelVersion("21", "v1", null, null, Map.of(), null, null, "20", "LIVE", null));
        versions.add(new ModelVersion("22", null, null, null, Map.of(), null, null, "1", "LIVE", null));
        versions.add(new ModelVersion("23", "v9", null, null, Map.of(), null, null, "404", "LIVE", null));
        RegistryContents broken = new RegistryContents(
                base.registryId(),
                models,
                versions,
                base.artifactsByVersion(),
                base.inferenceServices(),
                base.servingEnvironments(),
                List.of());
        KfmrMapper.Result<?> r = KfmrMapper.map(broken, DEFAULTS);
        assertEquals(2, r.documents().size());
        assertEquals(3, r.problems().size(), r.problems().toString());
        assertTrue(r.problems().stream().anyMatch(p -> p.contains("registered model id 20 has no name")));
        assertTrue(r.problems().stream().anyMatch(p -> p.contains("version id 22") && p.contains("no name")));
        assertTrue(r.problems().stream().anyMatch(p -> p.contains("unknown registered model id 404")));
    }

    @Test
    void unknownApiTypeIsAProblemAndDefaultsToOpenapi() {
        RegistryContents base = MappingFixtures.registry("kfmr/deployments.json");
        ModelVersion mv = base.modelVersions().get(0);
        ModelVersion soap = new ModelVersion(
                mv.id(),
                mv.name(),
                null,
                null,
                Map.of("API Type", new MetadataValue.StringValue("SOAP")),
                null,
                null,
                mv.registeredModelId(),
                "LIVE",
                null);
        List<ModelVersion> versions = new ArrayList<>(base.modelVersions());
        versions.set(0, soap);
        RegistryContents contents = new RegistryContents(
                base.registryId(),
                base.registeredModels(),
                versions,
                base.artifactsByVersion(),
                base.inferenceServices(),
                base.servingEnvironments(),
                List.of());
        KfmrMapper.Result<?> r = KfmrMapper.map(contents, DEFAULTS);
        assertEquals(
                ApiType.OPENAPI,
                doc(r, "mnist", "v1").catalog().modelServer().api().type());
        assertTrue(
                r.problems().stream().anyMatch(p -> p.contains("SOAP")),
                r.problems().toString());
    }

    @Test
    void theModelServerDescriptionCarriesTheModelsAndTheVersionsDescriptionsSoAnEditReachesIt() {
        RegisteredModel rm = KfmrRecords.registeredModel("1", "mnist", "Digit classifier.", "1");
        ModelVersion mv =
                new ModelVersion("2", "v1", "First ONNX export.", null, Map.of(), "1", "1", "1", "LIVE", null);
        assertEquals("Digit classifier.\n\nFirst ONNX export.", KfmrMapper.serverDescription(rm, mv, "ns"));
        ModelVersion edited =
                new ModelVersion("2", "v1", "Retrained on 2026 data.", null, Map.of(), "1", "2", "1", "LIVE", null);
        assertEquals("Digit classifier.\n\nRetrained on 2026 data.", KfmrMapper.serverDescription(rm, edited, "ns"));
        ModelVersion bare = new ModelVersion("2", "v1", " ", null, Map.of(), "1", "1", "1", "LIVE", null);
        assertEquals("Digit classifier.", KfmrMapper.serverDescription(rm, bare, "ns"));
        RegisteredModel undescribed = KfmrRecords.registeredModel("1", "mnist", null, "1");
        assertEquals(
                "Model server for version v1 of model mnist in namespace ns.",
                KfmrMapper.serverDescription(undescribed, bare, "ns"));
        assertEquals("First ONNX export.", KfmrMapper.serverDescription(undescribed, mv, "ns"));
    }

    @Test
    void aDeployedVersionsServerDescriptionIsTheRegistrysDescriptions() {
        KfmrMapper.Result<?> r = KfmrMapper.map(MappingFixtures.registry("kfmr/deployments.json"), DEFAULTS);
        ModelServer s = doc(r, "mnist", "v1").catalog().modelServer();
        assertEquals("Model server for version v1 of model mnist in namespace ggmtest.", s.description());
    }
}
