package io.modelcatalogbridge.render;

import static io.modelcatalogbridge.render.ValidationTestSupport.pointers;
import static io.modelcatalogbridge.render.ValidationTestSupport.pointersAndReasons;
import static io.modelcatalogbridge.render.ValidationTestSupport.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CatalogJsonValidationTest {

    @Test
    void referenceExamplesHaveNoErrorsOnlyWarningsForTagsTheModuleDrops() throws Exception {
        List<Path> examples;
        try (Stream<Path> s = Files.list(resource("examples"))) {
            examples = s.sorted().toList();
        }
        assertEquals(5, examples.size());
        for (Path example : examples) {
            List<Problem> problems = DocumentValidator.validate(example);
            assertFalse(DocumentValidator.hasErrors(problems), example + ": " + problems);
            problems.forEach(
                    p -> assertTrue(p.pointer().contains("/tags/") && p.reason().contains("drops it"), p.toString()));
        }
        assertEquals(List.of(), DocumentValidator.validate(resource("examples/001-min-values.json")));
    }

    @Test
    void missingRequiredPropertyPointsAtTheObjectAndNamesIt() {
        assertEquals(
                List.of("/models/0: required property 'name' is missing"),
                pointersAndReasons(DocumentValidator.validate(resource("validate/missing-name.json"))));
    }

    @Test
    void nestedApiTypeIsCheckedThroughTheSchemaRefs() {
        List<Problem> problems = DocumentValidator.validate(resource("validate/bad-api-type.json"));
        assertEquals(List.of("/modelServer/API/type"), pointers(problems));
        assertTrue(problems.get(0).reason().contains("openapi"), problems.toString());
    }

    @Test
    void invalidTagIsAWarningBecauseTheModuleDropsIt() {
        List<Problem> problems = DocumentValidator.validate(resource("validate/invalid-tag.json"));
        assertEquals(1, problems.size());
        Problem p = problems.get(0);
        assertEquals("/models/0/tags/1", p.pointer());
        assertEquals(Problem.Severity.WARNING, p.severity());
        assertTrue(p.reason().startsWith("tag 'Not Valid' is not a valid Backstage tag"), p.reason());
    }

    @Test
    void jsonNullIsAnErrorReportedOncePerPlace() {
        List<Problem> problems = DocumentValidator.validate(resource("validate/null-value.json"));
        assertEquals(List.of("/modelServer/API/tags/0", "/modelServer/description"), pointers(problems));
        problems.forEach(
                p -> assertTrue(p.isError() && p.reason().startsWith("JSON null is not allowed"), p.toString()));
    }

    @Test
    void malformedJsonReportsLineAndColumn() {
        List<Problem> problems = DocumentValidator.validate(resource("validate/malformed.json"));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).reason().startsWith("malformed JSON at line 3, column 18: "), problems.toString());
        assertEquals("", problems.get(0).pointer());
    }

    @Test
    void duplicateKeyIsMalformed() {
        List<Problem> problems = DocumentValidator.validate(resource("validate/duplicate-key.json"));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).reason().contains("Duplicate field 'name'"), problems.toString());
    }

    @Test
    void bridgeRulesCoverNamesOwnersApiUrlAnnotationKeysDuplicatesAndExtraProperties() {
        List<Problem> problems = DocumentValidator.validate(resource("validate/bridge-rules.json"));
        assertEquals(
                List.of(
                        "/modelServer/API/url",
                        "/modelServer/name",
                        "/modelServer/owner",
                        "/models/0/name",
                        "/models/1/annotations/bad key",
                        "/models/2/extra",
                        "/models/2/name"),
                pointers(problems));
        assertTrue(problems.stream().allMatch(Problem::isError));
        List<String> reasons = problems.stream().map(Problem::reason).toList();
        assertTrue(reasons.get(0).startsWith("API url must not be empty"), reasons.get(0));
        assertTrue(reasons.get(1).startsWith("model server name 'my server' is not a valid Backstage entity name"));
        assertTrue(reasons.get(3).contains("at most 63 characters"), reasons.get(3));
        assertTrue(reasons.get(4).startsWith("annotation key 'bad key' is not a valid Backstage annotation key"));
        assertEquals("property 'extra' is not allowed by the model-catalog schema", reasons.get(5));
        assertTrue(reasons.get(6).startsWith("duplicate model name 'dup' (also at /models/1/name)"), reasons.get(6));
    }

    @Test
    void serverAnnotationsThatDifferOnlyInCaseFailButModelTechDocsKeysAreTheContract() {
        String doc = """
                {"modelServer": {"name": "s", "owner": "o", "lifecycle": "l", "description": "d",
                  "annotations": {"example.com/Team": "a", "rhdh.io/owner": "x"},
                  "API": {"url": "https://s", "type": "openapi", "spec": "x",
                          "annotations": {"example.com/team": "b", "rhdh.io/Owner": "y"}}},
                 "models": [{"name": "m", "owner": "o", "lifecycle": "l", "description": "d",
                   "annotations": {"TechDocs": "https://x/card", "techdocs": "/modelcard/s/m"}}]}
                """;
        assertEquals(
                List.of("/modelServer/annotations/example.com~1Team: annotation key 'example.com/Team' differs only in "
                        + "case from 'example.com/team': both land on the model server's entity, which Backstage "
                        + "then refuses (duplicate keys that vary only in casing)"),
                pointersAndReasons(DocumentValidator.validate("doc.json", doc.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void rootMustBeAnObjectAndEmptyFilesAreReported() {
        assertEquals(
                List.of(": array found, object expected"),
                pointersAndReasons(DocumentValidator.validate("doc.json", "[]".getBytes(StandardCharsets.UTF_8))));
        assertEquals(
                List.of(": empty file, expected a model-catalog JSON object"),
                pointersAndReasons(DocumentValidator.validate("doc.json", new byte[0])));
    }

    @Test
    void missingModelsIsReportedOnceWithoutTheSchemaTypo() {
        List<Problem> problems = DocumentValidator.validate("doc.json", "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(": required property 'models' is missing"), pointersAndReasons(problems));
    }
}
