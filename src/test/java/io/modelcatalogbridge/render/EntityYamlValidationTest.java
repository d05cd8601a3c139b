package io.modelcatalogbridge.render;

import static io.modelcatalogbridge.render.ValidationTestSupport.pointers;
import static io.modelcatalogbridge.render.ValidationTestSupport.pointersAndReasons;
import static io.modelcatalogbridge.render.ValidationTestSupport.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntityYamlValidationTest {

    @Test
    void invalidNameIsReportedInItsDocument() {
        List<Problem> problems = DocumentValidator.validate(resource("validate/bad-name.yaml"));
        assertEquals(List.of("/1/metadata/name"), pointers(problems));
        assertTrue(
                problems.get(0).reason().startsWith("metadata.name 'bad name!' is not a valid Backstage entity name"));
    }

    @Test
    void nameLongerThan63CharactersIsInvalidAndSaysHowLong() {
        List<Problem> problems = DocumentValidator.validate(resource("validate/too-long-name.yaml"));
        assertEquals(List.of("/0/metadata/name"), pointers(problems));
        assertTrue(
                problems.get(0).reason().endsWith(", it has 64 characters"),
                problems.get(0).reason());
    }

    @Test
    void ownerIsRequiredAndMustNotBeEmpty() {
        assertEquals(
                List.of(
                        "/0/spec: required property 'owner' is missing",
                        "/1/spec/owner: spec.owner must not be empty for a Component"),
                pointersAndReasons(DocumentValidator.validate(resource("validate/missing-owner.yaml"))));
    }

    @Test
    void invalidTagIsAnErrorBecauseBackstageRejectsTheEntity() {
        List<Problem> problems = DocumentValidator.validate(resource("validate/invalid-tag.yaml"));
        assertEquals(List.of("/0/metadata/tags/1"), pointers(problems));
        assertTrue(problems.get(0).isError());
        assertTrue(problems.get(0).reason().startsWith("tag 'vLLM' is not a valid Backstage tag"));
    }

    @Test
    void envelopeRulesApiVersionKindNamespaceAnnotationsLinksAndMappings() {
        assertEquals(
                List.of(
                        "/0: required property 'apiVersion' is missing",
                        "/0/metadata/annotations/bad key~1with~1slashes: annotation key 'bad key/with/slashes' is not valid ("
                                + BackstageRules.ANNOTATION_KEY_RULE + ")",
                        "/0/metadata/links/0: a link needs a non-empty string url",
                        "/0/metadata/namespace: metadata.namespace 'Bad_NS' is not valid ("
                                + BackstageRules.NAMESPACE_RULE + ")",
                        "/1: required property 'kind' is missing",
                        "/2: a Backstage entity must be a mapping, found array"),
                pointersAndReasons(DocumentValidator.validate(resource("validate/envelope.yaml"))));
    }

    @Test
    void malformedYamlReportsLineAndColumn() {
        List<Problem> problems = DocumentValidator.validate(resource("validate/malformed.yaml"));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).reason().startsWith("malformed YAML at line "), problems.toString());
    }

    @Test
    void specFieldsEachKindNeeds() {
        String yaml = "apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: a\nspec:\n  type: openapi\n"
                + "---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: g\n";
        assertEquals(
                List.of(
                        "/0/spec: required property 'definition' is missing",
                        "/0/spec: required property 'lifecycle' is missing",
                        "/0/spec: required property 'owner' is missing"),
                pointersAndReasons(DocumentValidator.validate("x.yaml", yaml.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void strayDocumentSeparatorsAreIgnored() {
        String yaml = "---\n---\napiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: r\n"
                + "spec:\n  type: ai-model\n  owner: user:a\n---\n";
        assertEquals(List.of(), DocumentValidator.validate("x.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
