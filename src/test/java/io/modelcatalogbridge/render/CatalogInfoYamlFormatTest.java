package io.modelcatalogbridge.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.modelcatalogbridge.model.Model;
import io.modelcatalogbridge.model.ModelCatalog;
import io.modelcatalogbridge.testing.CatalogBuilders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CatalogInfoYamlFormatTest {

    private final CatalogInfoYamlFormat format = new CatalogInfoYamlFormat();

    @Test
    void sameInputRendersByteIdenticalOutput() {
        for (ModelCatalog c : SampleCatalogs.scenarios().values()) {
            assertArrayEquals(format.render(c), new CatalogInfoYamlFormat().render(SampleCatalogs.document(c)));
        }
    }

    @Test
    void registryLinksBackstageWouldRefuseAreLeftOutSoTheEntityIsStillAccepted() throws Exception {
        // Found by the hostile-input suite: a registry value such as "v18" or "https://\n.example.com" as a link
        // made Backstage (and validate) reject the whole Resource.
        ModelCatalog full = SampleCatalogs.full();
        List<Model> models = full.models().stream()
                .map(m -> CatalogBuilders.model(m)
                        .artifactLocationURL("v18")
                        .howToUseURL("https://\n.example.com")
                        .build())
                .toList();
        byte[] yaml = format.render(new ModelCatalog(full.modelServer(), models));
        for (JsonNode d : parse(yaml)) {
            if (d.get("kind").asText().equals("Resource")) {
                assertTrue(d.at("/metadata/links").isMissingNode(), d.toString());
            }
        }
        assertFalse(DocumentValidator.hasErrors(DocumentValidator.validate("catalog-info.yaml", yaml)));
    }

    @Test
    void entitiesComeInFixedOrderComponentApiThenOneResourcePerModel() throws Exception {
        List<JsonNode> docs = parse(format.render(SampleCatalogs.full()));
        assertEquals(
                List.of("Component", "API", "Resource", "Resource"),
                docs.stream().map(d -> d.get("kind").asText()).toList());
        assertEquals(
                List.of("granite-server", "granite-server", "granite-8b-v1", "granite-8b-v2"),
                docs.stream().map(d -> d.at("/metadata/name").asText()).toList());
        docs.forEach(
                d -> assertEquals("backstage.io/v1alpha1", d.get("apiVersion").asText()));
    }

    @Test
    void componentProvidesTheApiAndDependsOnEveryModel() throws Exception {
        JsonNode component = parse(format.render(SampleCatalogs.full())).get(0);
        assertEquals("model-server", component.at("/spec/type").asText());
        assertEquals("user:alice", component.at("/spec/owner").asText());
        assertEquals("[\"granite-server\"]", component.at("/spec/providesApis").toString());
        assertEquals(
                "[\"resource:granite-8b-v1\",\"resource:granite-8b-v2\"]",
                component.at("/spec/dependsOn").toString());
        assertEquals(
                "https://granite.apps.example.com/v1",
                component.at("/metadata/links/0/url").asText());
        assertEquals(
                "https://granite.apps.example.com/home",
                component.at("/metadata/links/1/url").asText());
    }

    @Test
    void apiEntityCarriesTypeDefinitionAndApiAnnotations() throws Exception {
        JsonNode api = parse(format.render(SampleCatalogs.full())).get(1);
        assertEquals("grpc", api.at("/spec/type").asText());
        assertEquals(
                "https://example.com/openapi.json", api.at("/spec/definition").asText());
        assertEquals(
                "http://granite.ns.svc:8080",
                api.at("/metadata/annotations/rhdh.modelcatalog.io~1internal-service-url")
                        .asText());
    }

    @Test
    void apiWithoutSpecGetsAPlaceholderDefinitionBecauseBackstageRequiresOne() throws Exception {
        JsonNode api = parse(format.render(SampleCatalogs.minimal())).get(1);
        assertEquals("no-definition-yet", api.at("/spec/definition").asText());
    }

    @Test
    void resourceIsAnAiModelDependencyOfTheServer() throws Exception {
        JsonNode resource = parse(format.render(SampleCatalogs.full())).get(2);
        assertEquals("ai-model", resource.at("/spec/type").asText());
        assertEquals("user:alice", resource.at("/spec/owner").asText());
        assertEquals("production", resource.at("/spec/lifecycle").asText());
        assertEquals(
                "[\"component:granite-server\"]",
                resource.at("/spec/dependencyOf").toString());
        assertEquals("s3://bucket/granite", resource.at("/metadata/links/0/url").asText());
        assertEquals(
                "https://example.com/how", resource.at("/metadata/links/1/url").asText());
    }

    @Test
    void modelWithoutServerIsALoneResource() throws Exception {
        List<JsonNode> docs = parse(format.render(SampleCatalogs.noServer()));
        assertEquals(1, docs.size());
        assertTrue(docs.get(0).at("/spec/dependencyOf").isMissingNode());
    }

    @Test
    void httpTechDocsAnnotationBecomesATechDocsRefOtherSchemesDoNot() throws Exception {
        JsonNode withCard = parse(format.render(SampleCatalogs.full())).get(2);
        assertEquals(
                "url:https://bridge.example.com/modelcard/granite_v1",
                withCard.at("/metadata/annotations/backstage.io~1techdocs-ref").asText());
        JsonNode emptyCard = parse(format.render(SampleCatalogs.full())).get(3);
        assertTrue(
                emptyCard.at("/metadata/annotations/backstage.io~1techdocs-ref").isMissingNode());
        JsonNode ftpCard = parse(format.render(SampleCatalogs.noServer())).get(0);
        assertTrue(
                ftpCard.at("/metadata/annotations/backstage.io~1techdocs-ref").isMissingNode());
    }

    @Test
    void resourcesCarryOnlyTheTechDocsRefNeverTheModelCatalogKeysThatDifferInCase() throws Exception {
        // A real Backstage refused every Resource that had both TechDocs and techdocs (issue 9).
        for (ModelCatalog c : SampleCatalogs.scenarios().values()) {
            for (JsonNode e : parse(format.render(c))) {
                JsonNode ann = e.at("/metadata/annotations");
                assertTrue(ann.path("TechDocs").isMissingNode(), e.toString());
                assertTrue(ann.path("techdocs").isMissingNode(), e.toString());
            }
        }
        SortedMap<String, String> pathOnly = new TreeMap<>();
        pathOnly.put("TechDocs", "");
        pathOnly.put("techdocs", "/modelcard/registry-a/granite-8b-v1");
        JsonNode noBase = parse(format.render(new ModelCatalog(null, List.of(withAnnotations(pathOnly)))))
                .get(0);
        assertTrue(
                noBase.at("/metadata/annotations/backstage.io~1techdocs-ref").isMissingNode(),
                "a card path without the location URL is no working link");
        pathOnly.put("techdocs", "https://docs.example.com/model");
        JsonNode absolute = parse(format.render(new ModelCatalog(null, List.of(withAnnotations(pathOnly)))))
                .get(0);
        assertEquals(
                "url:https://docs.example.com/model",
                absolute.at("/metadata/annotations/backstage.io~1techdocs-ref").asText());
    }

    @Test
    void annotationKeysThatDifferOnlyInCaseKeepTheFirstInKeyOrder() throws Exception {
        SortedMap<String, String> ann = new TreeMap<>();
        ann.put("example.com/Team", "a");
        ann.put("example.com/team", "b");
        String yaml = new String(
                format.render(new ModelCatalog(null, List.of(withAnnotations(ann)))), StandardCharsets.UTF_8);
        JsonNode e = parse(yaml.getBytes(StandardCharsets.UTF_8)).get(0);
        assertEquals("a", e.at("/metadata/annotations/example.com~1Team").asText());
        assertTrue(e.at("/metadata/annotations/example.com~1team").isMissingNode());
        assertEquals(List.of(), DocumentValidator.validate("x.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static Model withAnnotations(SortedMap<String, String> annotations) {
        return CatalogBuilders.model("granite", "alice", "development", "d")
                .annotations(annotations)
                .build();
    }

    @Test
    void tagsBackstageWouldRejectAreLeftOutAndTheRestSorted() throws Exception {
        List<JsonNode> docs = parse(format.render(SampleCatalogs.multiTag()));
        assertEquals(
                "[\"alpha\",\"auth-not-required\",\"c++\",\"k8s:cluster\",\"zeta\"]",
                docs.get(0).at("/metadata/tags").toString());
        assertEquals(
                "[\"a-tag\",\"m#1\",\"registered-from-catalog\",\"z-tag\"]",
                docs.get(2).at("/metadata/tags").toString());
    }

    @Test
    void everyStringStaysAStringForAnyYamlParser() throws Exception {
        String text = new String(format.render(SampleCatalogs.full()), StandardCharsets.UTF_8);
        assertTrue(text.contains("rhdh.io/default: \"yes\""), text);
        assertTrue(text.contains("- \"null\""), text);
        List<JsonNode> docs = parse(text.getBytes(StandardCharsets.UTF_8));
        assertTrue(docs.get(0).at("/metadata/annotations/rhdh.io~1default").isTextual());
        assertTrue(docs.get(3).at("/metadata/tags/0").isTextual());
    }

    @Test
    void outputHasNoAnchorsOrAliasesAndUnixNewlines() {
        for (ModelCatalog c : SampleCatalogs.scenarios().values()) {
            String text = new String(format.render(c), StandardCharsets.UTF_8);
            assertTrue(text.startsWith("---\n"));
            assertTrue(text.endsWith("\n"));
            assertFalse(text.contains("\r"));
            for (String line : text.split("\n")) {
                assertFalse(line.matches("^[^\"]*[:-] [&*].*"), "anchor or alias: " + line);
            }
        }
    }

    @Test
    void renderedEntitiesPassBackstageEntityValidation() {
        for (Map.Entry<String, ModelCatalog> e : SampleCatalogs.scenarios().entrySet()) {
            List<Problem> problems = DocumentValidator.validate(e.getKey() + ".yaml", format.render(e.getValue()));
            assertEquals(List.of(), problems, e.getKey());
        }
    }

    private static List<JsonNode> parse(byte[] yaml) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it =
                new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            it.forEachRemaining(docs::add);
        }
        return docs;
    }
}
