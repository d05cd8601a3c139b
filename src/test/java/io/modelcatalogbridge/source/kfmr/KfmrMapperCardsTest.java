package io.modelcatalogbridge.source.kfmr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.model.DocumentKey;
import io.modelcatalogbridge.model.MappingSettings;
import io.modelcatalogbridge.model.ModelCard;
import io.modelcatalogbridge.testing.MappingFixtures;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KfmrMapperCardsTest {
    private static final MappingSettings WITH_BASE = new MappingSettings(null, null, "http://bridge.example:9090/");

    private static KfmrMapper.Result<?> map(MappingSettings settings) {
        return KfmrMapper.map(MappingFixtures.registry("kfmr/cards.json"), settings);
    }

    private static CatalogDocument doc(KfmrMapper.Result<?> r, String rm, String mv) {
        return r.documents().stream()
                .filter(d -> d.key().equals(DocumentKey.of(rm, mv)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no document " + rm + "/" + mv));
    }

    private static Map<String, String> annotations(KfmrMapper.Result<?> r, String rm, String mv) {
        return doc(r, rm, mv).catalog().models().get(0).annotations();
    }

    @Test
    void currentConventionLinksByCatalogSourceIdAndFullModelName() {
        CatalogDocument d = doc(map(WITH_BASE), "granite-3.1-8b-lab-v1", "1.4.0");
        assertEquals(
                Optional.of(new ModelCard("redhat_ai_models", "rhelai1/granite-3.1-8b-lab-v1", "# Granite 3.1 8b lab")),
                d.modelCard());
    }

    @Test
    void olderConventionLinksByRepositoryAndModelName() {
        ModelCard card =
                doc(map(WITH_BASE), "granite-7b-starter", "v1").modelCard().orElseThrow();
        assertEquals("rhelai1/granite-7b-starter", card.modelName());
        assertEquals("redhat_ai_models", card.sourceId(), "lowest source id among equal names");
        assertEquals("# Granite 7b starter", card.markdown());
    }

    @Test
    void registeredModelReadmeIsTheFallbackCard() {
        ModelCard card = doc(map(WITH_BASE), "own card", "v1").modelCard().orElseThrow();
        assertEquals("modelregistry-public", card.sourceId());
        assertEquals("# My own card", card.markdown());
        assertTrue(card.modelName().matches("own-card-[0-9a-f]{8}"), "path-safe: " + card.modelName());
    }

    @Test
    void artifactsFromOtherSourceKindsAreNotLinked() {
        assertEquals(Optional.empty(), doc(map(WITH_BASE), "kfp-model", "v1").modelCard());
    }

    @Test
    void techDocsAnnotationsPointAtTheCard() {
        Map<String, String> a = annotations(map(WITH_BASE), "granite-3.1-8b-lab-v1", "1.4.0");
        assertEquals(
                "http://bridge.example:9090/modelcard/redhat_ai_models/rhelai1/granite-3.1-8b-lab-v1",
                a.get("TechDocs"));
        assertEquals("/modelcard/redhat_ai_models/rhelai1/granite-3.1-8b-lab-v1", a.get("techdocs"));
        assertEquals("granite-3.1-8b-lab-v1", a.get("rhdh.modelcatalog.io/model-name"));
    }

    @Test
    void withoutLocationBaseUrlTheAbsoluteTechDocsIsEmptyButThePathIsKept() {
        Map<String, String> a = annotations(map(MappingSettings.defaults()), "granite-7b-starter", "v1");
        assertEquals("", a.get("TechDocs"));
        assertEquals("/modelcard/redhat_ai_models/rhelai1/granite-7b-starter", a.get("techdocs"));
    }

    @Test
    void withoutCardTechDocsIsEmptyAndTechdocsOmitted() {
        KfmrMapper.Result<?> r = map(WITH_BASE);
        Map<String, String> a = annotations(r, "no-card", "v1");
        assertEquals("", a.get("TechDocs"), "modules 0.4-0.6 crash without the key");
        assertFalse(a.containsKey("techdocs"));
        assertTrue(
                r.problems().stream().anyMatch(p -> p.contains("ftp://docs.example.com/x")),
                "a non-http TechDocs property is reported");
    }

    @Test
    void techDocsPropertyWinsForBothAnnotations() {
        KfmrMapper.Result<?> r = map(WITH_BASE);
        Map<String, String> a = annotations(r, "docs-and-card", "v1");
        assertEquals("https://docs.example.com/model", a.get("TechDocs"));
        assertEquals("https://docs.example.com/model", a.get("techdocs"));
        assertTrue(doc(r, "docs-and-card", "v1").modelCard().isPresent(), "the card is still served");
    }
}
