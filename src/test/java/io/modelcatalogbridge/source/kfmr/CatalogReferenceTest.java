package io.modelcatalogbridge.source.kfmr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelcatalogbridge.testing.KfmrRecords;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogReferenceTest {

    private static ModelArtifact artifact(String kind, String cls, String group, String name) {
        return KfmrRecords.withModelSource(KfmrRecords.artifact("1", "a", "oci://x", null), kind, cls, group, name);
    }

    @Test
    void currentConventionUsesSourceIdAndFullName() {
        assertEquals(
                Optional.of(new CatalogReference("redhat_ai_models", "rhelai1/granite")),
                CatalogReference.of(artifact("catalog", "redhat_ai_models", null, "rhelai1/granite")));
    }

    @Test
    void olderConventionJoinsGroupAndName() {
        assertEquals(
                Optional.of(new CatalogReference("Red Hat", "rhelai1/granite-7b-starter")),
                CatalogReference.of(artifact(null, "Red Hat", "rhelai1", "granite-7b-starter")));
    }

    @Test
    void pipelineAndIncompleteSourcesAreNotCatalogLinks() {
        assertEquals(Optional.empty(), CatalogReference.of(artifact("kfp", "pipelines", "ns", "run-1")));
        assertEquals(Optional.empty(), CatalogReference.of(artifact(null, "Red Hat", null, "granite")));
        assertEquals(Optional.empty(), CatalogReference.of(artifact("catalog", null, null, "rhelai1/granite")));
    }
}
