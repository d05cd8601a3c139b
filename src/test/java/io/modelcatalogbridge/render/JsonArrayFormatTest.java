package io.modelcatalogbridge.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcatalogbridge.model.ModelCatalog;
import io.modelcatalogbridge.testing.CatalogBuilders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class JsonArrayFormatTest {

    private final JsonArrayFormat format = new JsonArrayFormat();

    @Test
    void sameInputRendersByteIdenticalOutput() {
        for (ModelCatalog c : SampleCatalogs.scenarios().values()) {
            assertArrayEquals(format.render(c), format.render(SampleCatalogs.document(c)));
            assertArrayEquals(format.render(c), new JsonArrayFormat().render(c));
        }
    }

    @Test
    void neverWritesJsonNull() throws Exception {
        for (ModelCatalog c : SampleCatalogs.scenarios().values()) {
            JsonNode tree = new ObjectMapper().readTree(format.render(c));
            assertFalse(containsNull(tree), "null in " + tree);
        }
    }

    @Test
    void absentFieldsEmptyTagsAndEmptyAnnotationsAreOmitted() throws Exception {
        JsonNode tree = new ObjectMapper().readTree(format.render(SampleCatalogs.minimal()));
        assertEquals(List.of("name", "owner", "lifecycle", "description", "API"), names(tree.get("modelServer")));
        assertEquals(List.of("url", "type", "spec"), names(tree.at("/modelServer/API")));
        assertEquals(List.of("name", "owner", "lifecycle", "description"), names(tree.at("/models/0")));
    }

    @Test
    void emptyStringsAreKeptBecauseOldModulesNeedTechDocsEvenWhenEmpty() throws Exception {
        JsonNode tree = new ObjectMapper().readTree(format.render(SampleCatalogs.full()));
        assertEquals("", tree.at("/models/1/annotations/TechDocs").asText("missing"));
        JsonNode min = new ObjectMapper().readTree(format.render(SampleCatalogs.minimal()));
        assertEquals("", min.at("/modelServer/API/spec").asText("missing"));
    }

    @Test
    void fieldsAppearInTheFixedSchemaOrder() throws Exception {
        JsonNode tree = new ObjectMapper().readTree(format.render(SampleCatalogs.full()));
        assertEquals(List.of("modelServer", "models"), names(tree));
        assertEquals(
                List.of(
                        "name",
                        "owner",
                        "lifecycle",
                        "description",
                        "API",
                        "authentication",
                        "homepageURL",
                        "tags",
                        "usage",
                        "annotations"),
                names(tree.get("modelServer")));
        assertEquals(List.of("url", "type", "spec", "tags", "annotations"), names(tree.at("/modelServer/API")));
        assertEquals(
                List.of(
                        "name",
                        "owner",
                        "lifecycle",
                        "description",
                        "artifactLocationURL",
                        "ethics",
                        "license",
                        "howToUseURL",
                        "support",
                        "tags",
                        "training",
                        "usage",
                        "annotations"),
                names(tree.at("/models/0")));
    }

    @Test
    void outputIsPrettyUtf8WithUnixNewlinesAndATrailingNewline() {
        String text = new String(format.render(SampleCatalogs.full()), StandardCharsets.UTF_8);
        assertTrue(text.endsWith("}\n"));
        assertFalse(text.contains("\r"));
        assertTrue(text.contains("\n  \"modelServer\": {\n"), text);
        assertTrue(text.contains("café"), "non-ASCII is written as UTF-8, not escaped");
    }

    @Test
    void modelOnlyDocumentHasNoModelServer() throws Exception {
        JsonNode tree = new ObjectMapper().readTree(format.render(SampleCatalogs.noServer()));
        assertEquals(List.of("models"), names(tree));
    }

    @Test
    void nullAnnotationValuesAreSkipped() throws Exception {
        TreeMap<String, String> ann = new TreeMap<>();
        ann.put("a", null);
        ann.put("b", "x");
        ModelCatalog c = new ModelCatalog(
                null,
                List.of(CatalogBuilders.model("m", "o", "l", "d")
                        .annotations(ann)
                        .build()));
        JsonNode tree = new ObjectMapper().readTree(format.render(c));
        assertEquals(Map.of("b", "x"), new ObjectMapper().convertValue(tree.at("/models/0/annotations"), Map.class));
    }

    @Test
    void renderedDocumentsPassTheirOwnValidation() {
        for (Map.Entry<String, ModelCatalog> e : SampleCatalogs.scenarios().entrySet()) {
            List<Problem> problems = DocumentValidator.validate(e.getKey() + ".json", format.render(e.getValue()));
            assertFalse(DocumentValidator.hasErrors(problems), e.getKey() + ": " + problems);
        }
    }

    static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static boolean containsNull(JsonNode n) {
        if (n.isNull()) {
            return true;
        }
        for (JsonNode child : n) {
            if (containsNull(child)) {
                return true;
            }
        }
        return false;
    }
}
