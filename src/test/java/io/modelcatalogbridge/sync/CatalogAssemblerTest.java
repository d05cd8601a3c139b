package io.modelcatalogbridge.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.model.MappingSettings;
import io.modelcatalogbridge.model.SourceKind;
import io.modelcatalogbridge.source.kfmr.ModelArtifact;
import io.modelcatalogbridge.source.kfmr.RegistryContents;
import io.modelcatalogbridge.source.kserve.KServeDeployment;
import io.modelcatalogbridge.testing.MappingFixtures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CatalogAssemblerTest {
    private static final MappingSettings DEFAULTS = MappingSettings.defaults();

    private static CatalogAssembler.Assembly twoRegistriesAndKServe() {
        return CatalogAssembler.assemble(
                List.of(
                        MappingFixtures.registry("assembly/registry-alpha.json"),
                        MappingFixtures.registry("assembly/registry-beta.json")),
                MappingFixtures.deployments("assembly/cluster.json"),
                DEFAULTS);
    }

    private static CatalogDocument doc(CatalogAssembler.Assembly a, String storageKey) {
        return a.documents().stream()
                .filter(d -> d.key().storageKey().equals(storageKey))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no document " + storageKey + " in "
                        + a.documents().stream().map(d -> d.key().storageKey()).toList()));
    }

    private static String modelName(CatalogDocument d) {
        return d.catalog().models().get(0).name();
    }

    @Test
    void outputIsSortedByStorageKey() {
        assertEquals(
                List.of(
                        "-granite-203_v1",
                        "-mnist--beta_v1",
                        "-mnist--kserve_v1",
                        "ggmtest_foreign",
                        "granite-3_v1",
                        "mnist_v1"),
                twoRegistriesAndKServe().documents().stream()
                        .map(d -> d.key().storageKey())
                        .toList());
    }

    @Test
    void twoRegistriesWithTheSameNamesGiveTwoDistinctDocuments() {
        CatalogAssembler.Assembly a = twoRegistriesAndKServe();
        CatalogDocument alpha = doc(a, "mnist_v1");
        CatalogDocument beta = doc(a, "-mnist--beta_v1");
        assertEquals("alpha", alpha.sourceId());
        assertEquals("beta", beta.sourceId());
        assertEquals("beta", beta.key().qualifier());
        assertEquals("mnist-v1", modelName(alpha), "the first registry by id keeps the plain name");
        assertTrue(modelName(beta).matches("mnist-v1-[0-9a-f]{8}"), modelName(beta));
        assertEquals("ggmtest-mnist-v1", alpha.catalog().modelServer().name());
        assertTrue(beta.catalog().modelServer().name().matches("ggmtest-mnist-v1-[0-9a-f]{8}"));
        assertEquals(
                "https://beta.example.com", beta.catalog().modelServer().api().url());
        assertTrue(
                a.problems().stream().anyMatch(p -> p.startsWith("key collision: mnist_v1 from beta")),
                a.problems().toString());
    }

    @Test
    void kserveDocumentCollidingWithARegistryKeyIsQualified() {
        CatalogDocument k = doc(twoRegistriesAndKServe(), "-mnist--kserve_v1");
        assertEquals(SourceKind.KSERVE, k.kind());
        assertEquals("kserve", k.key().qualifier());
        assertEquals("v1", modelName(k));
    }

    @Test
    void sanitiseAlikeNamesGetDistinctEntityNames() {
        CatalogAssembler.Assembly a = twoRegistriesAndKServe();
        String spaced = modelName(doc(a, "-granite-203_v1"));
        String dashed = modelName(doc(a, "granite-3_v1"));
        assertNotEquals(spaced, dashed);
        assertEquals("granite-3-v1", spaced, "earlier by storage key keeps the plain name");
        assertTrue(dashed.matches("granite-3-v1-[0-9a-f]{8}"), dashed);
        assertTrue(a.problems().stream().anyMatch(p -> p.contains("model name collision: granite-3-v1")));
    }

    @Test
    void entityNamesAreUniqueCaseInsensitively() {
        CatalogAssembler.Assembly a = twoRegistriesAndKServe();
        List<String> models =
                a.documents().stream().map(d -> modelName(d).toLowerCase()).toList();
        assertEquals(models.size(), new HashSet<>(models).size(), models.toString());
        List<String> servers = a.documents().stream()
                .filter(d -> d.catalog().modelServer() != null)
                .map(d -> d.catalog().modelServer().name().toLowerCase())
                .toList();
        assertEquals(servers.size(), new HashSet<>(servers).size(), servers.toString());
    }

    @Test
    void registryManagedDeploymentsAreNotMappedAsKServeOnly() {
        CatalogAssembler.Assembly a = twoRegistriesAndKServe();
        assertTrue(
                a.documents().stream().noneMatch(d -> d.key().name().equals("stale")),
                "labelled for registry alpha, which was read");
        assertEquals(SourceKind.KSERVE, doc(a, "ggmtest_foreign").kind(), "labelled for a registry not read");
    }

    @Test
    void deploymentMatchedByARegistryIsNotMappedAgain() {
        CatalogAssembler.Assembly a = CatalogAssembler.assemble(
                List.of(MappingFixtures.registry("kfmr/mnist.json")),
                MappingFixtures.deployments("kserve/cluster.json"),
                DEFAULTS);
        assertEquals(
                List.of("demo_granite", "demo_iris", "llm_llama", "mnist_v1", "mnist_v3"),
                a.documents().stream().map(d -> d.key().storageKey()).toList());
        CatalogDocument mnist = doc(a, "mnist_v1");
        assertEquals(Boolean.TRUE, mnist.catalog().modelServer().authentication(), "from the KServe object");
        assertEquals("ggmtest-mnist-v1", mnist.catalog().modelServer().name());
    }

    @Test
    void inputOrderDoesNotChangeTheOutput() {
        CatalogAssembler.Assembly expected = twoRegistriesAndKServe();
        for (long seed = 1; seed <= 5; seed++) {
            Random random = new Random(seed);
            List<RegistryContents> registries = new ArrayList<>(List.of(
                    shuffled(MappingFixtures.registry("assembly/registry-alpha.json"), random),
                    shuffled(MappingFixtures.registry("assembly/registry-beta.json"), random),
                    shuffled(MappingFixtures.registry("kfmr/mnist.json"), random)));
            Collections.shuffle(registries, random);
            List<KServeDeployment> deployments = new ArrayList<>(MappingFixtures.deployments("assembly/cluster.json"));
            deployments.addAll(MappingFixtures.deployments("kserve/cluster.json"));
            Collections.shuffle(deployments, random);
            CatalogAssembler.Assembly actual = CatalogAssembler.assemble(registries, deployments, DEFAULTS);
            CatalogAssembler.Assembly reference = CatalogAssembler.assemble(
                    List.of(
                            MappingFixtures.registry("assembly/registry-alpha.json"),
                            MappingFixtures.registry("assembly/registry-beta.json"),
                            MappingFixtures.registry("kfmr/mnist.json")),
                    concat(
                            MappingFixtures.deployments("assembly/cluster.json"),
                            MappingFixtures.deployments("kserve/cluster.json")),
                    DEFAULTS);
            assertEquals(reference, actual, "seed " + seed);
            assertEquals(reference.documents().toString(), actual.documents().toString());
        }
        assertEquals(expected, twoRegistriesAndKServe());
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static RegistryContents shuffled(RegistryContents r, Random random) {
        Map<String, List<ModelArtifact>> artifacts = new LinkedHashMap<>();
        List<String> versionIds = new ArrayList<>(r.artifactsByVersion().keySet());
        Collections.shuffle(versionIds, random);
        for (String id : versionIds) {
            artifacts.put(id, shuffle(r.artifactsByVersion().get(id), random));
        }
        return new RegistryContents(
                r.registryId(),
                shuffle(r.registeredModels(), random),
                shuffle(r.modelVersions(), random),
                artifacts,
                shuffle(r.inferenceServices(), random),
                shuffle(r.servingEnvironments(), random),
                shuffle(r.catalogModels(), random));
    }

    private static <T> List<T> shuffle(List<T> list, Random random) {
        List<T> copy = new ArrayList<>(list);
        Collections.shuffle(copy, random);
        return copy;
    }
}
