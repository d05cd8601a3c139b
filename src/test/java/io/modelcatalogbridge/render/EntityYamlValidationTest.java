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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void theExactRejectionFromARealBackstageTechDocsKeysThatDifferOnlyInCase() {
        // What the bridge rendered before issue 9: Backstage logged "Failed to stitch resource:default/fraud-scorer,
        // InputError: Entity has duplicate keys that vary only in casing, 'metadata.annotations.techdocs'".
        List<Problem> problems = DocumentValidator.validate(resource("validate/techdocs-case-duplicate.yaml"));
        assertEquals(
                List.of("/2: Backstage refuses this entity: InputError: Entity has duplicate keys that vary only in "
                        + "casing, 'metadata.annotations.techdocs'"),
                pointersAndReasons(problems));
        assertTrue(problems.get(0).isError());
    }

    @Test
    void caseDuplicatesCountInLabelsAndSpecTooButNotInLists() {
        String yaml = "apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: r\n  labels:\n"
                + "    Team: a\n    team: b\n  tags: [a]\nspec:\n  type: ai-model\n  owner: user:a\n"
                + "  dependsOn: [resource:r, Resource:R]\n  Extra: x\n  extra: y\n";
        assertEquals(
                List.of(
                        "/0: Backstage refuses this entity: InputError: Entity has duplicate keys that vary only in "
                                + "casing, 'metadata.labels.team'",
                        "/0: Backstage refuses this entity: InputError: Entity has duplicate keys that vary only in "
                                + "casing, 'spec.extra'"),
                pointersAndReasons(DocumentValidator.validate("x.yaml", yaml.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void rootFieldsLabelsLinksApiVersionsReferencesAndDuplicateEntities() {
        assertEquals(
                List.of(
                        "/0: Backstage refuses this entity: InputError: Entity has duplicate keys that vary only in "
                                + "casing, 'metadata.labels.team'",
                        "/0: Backstage refuses this entity: InputError: Entity has duplicate keys that vary only in "
                                + "casing, 'spec.extra'",
                        "/0/spec/dependsOn/0: spec.dependsOn: Entity reference \"model-without-kind\" had missing or "
                                + "empty kind (e.g. did not start with \"component:\" or similar); Backstage refuses "
                                + "the entity",
                        "/1/apiVersion: apiVersion 'backstage.io/v1beta2' is not one Backstage's Resource kind "
                                + "accepts (backstage.io/v1alpha1 or backstage.io/v1beta1)",
                        "/1/metadata/labels/bad key!: label key 'bad key!' is not valid ("
                                + BackstageRules.ANNOTATION_KEY_RULE + ")",
                        "/1/metadata/labels/ok: label value 'not a valid value' is not valid (empty, or "
                                + BackstageRules.NAME_RULE + ")",
                        "/1/metadata/links/0/title: title must be a non-empty string",
                        "/1/metadata/links/0/url: link url 'not-a-url' is not a URL Backstage accepts (an absolute "
                                + "URL with a scheme, and a host for http(s))",
                        "/1/spec/owner: spec.owner: Entity reference \"user:\" was not on the form "
                                + "[<kind>:][<namespace>/]<name>; Backstage refuses the entity",
                        "/2/metadata/name: entity resource:default/model is defined twice (also at /1): Backstage "
                                + "keeps one and refuses the other with a conflict error",
                        "/2/status: unknown root field 'status': Backstage accepts only apiVersion, kind, metadata "
                                + "and spec"),
                pointersAndReasons(DocumentValidator.validate(resource("validate/backstage-rules.yaml"))));
    }

    @Test
    void linkUrlsFollowTheUrlParserBackstageUses() {
        for (String ok : List.of(
                "https://example.com/x y",
                "s3://models/credit-risk/v2/model.bst",
                "oci://registry.redhat.io/rhelai1/modelcar:1.4.0",
                "mailto:team@example.com",
                "http://user@host:8080/p")) {
            assertTrue(BackstageRules.isValidUrl(ok), ok);
        }
        for (String bad : List.of("not-a-url", "/relative/path", "https://", "1http://x")) {
            assertFalse(BackstageRules.isValidUrl(bad), bad);
        }
    }

    @Test
    void entitiesAndRelationsAreCheckedAcrossFiles(@TempDir Path dir) throws Exception {
        String component = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: server\n"
                + "spec:\n  type: model-server\n  owner: user:a\n  lifecycle: production\n  providesApis: [server]\n"
                + "  dependsOn: [resource:model]\n";
        String resource = "apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: model\n"
                + "spec:\n  type: ai-model\n  owner: user:a\n  dependencyOf: [component:server]\n";
        Path a = Files.writeString(dir.resolve("a.yaml"), component);
        Path b = Files.writeString(dir.resolve("b.yaml"), resource);
        Path c = Files.writeString(dir.resolve("c.yaml"), resource);

        List<Problem> alone = DocumentValidator.validate(List.of(a));
        assertEquals(
                List.of(
                        "/0/spec/dependsOn/0: spec.dependsOn 'resource:model' names no entity in the validated files "
                                + "(resource:default/model): the relation dangles in Backstage unless it is defined "
                                + "elsewhere",
                        "/0/spec/providesApis/0: spec.providesApis 'server' names no entity in the validated files "
                                + "(api:default/server): the relation dangles in Backstage unless it is defined "
                                + "elsewhere"),
                pointersAndReasons(alone));
        assertFalse(DocumentValidator.hasErrors(alone), "a dangling relation is a warning");

        List<Problem> together = DocumentValidator.validate(List.of(a, b, c));
        assertEquals(
                List.of(
                        "/0/metadata/name: entity resource:default/model is defined twice (also at " + b
                                + " /0): Backstage keeps one and refuses the other with a conflict error",
                        "/0/spec/providesApis/0: spec.providesApis 'server' names no entity in the validated files "
                                + "(api:default/server): the relation dangles in Backstage unless it is defined "
                                + "elsewhere"),
                pointersAndReasons(together));
        assertEquals(c.toString(), together.get(0).file());
    }
}
