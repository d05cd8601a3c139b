package io.modelcatalogbridge.source.kfmr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.source.snapshot.SnapshotDirectoryTest;
import io.modelcatalogbridge.testing.StubModelRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistryReaderTest {

    private StubModelRegistry stub;
    private RegistryContents example;

    @BeforeEach
    void start() {
        stub = StubModelRegistry.start(SnapshotDirectoryTest.EXAMPLE);
        example = stub.contents();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private RegistryReader reader(boolean withCatalog) {
        KfmrClientSettings s = KfmrClientSettings.of(stub.url()).withPageSize(2).withRetries(2, Duration.ofMillis(1));
        return new RegistryReader(new KfmrClient(withCatalog ? s.withCatalogUrl(stub.url()) : s));
    }

    @Test
    void readsTheWholeRegistryEqualToWhatIsServed() {
        RegistryContents read = reader(true).read("modelregistry-public");
        assertEquals(example, read);
    }

    @Test
    void usesOnePagedListPerKindAndOneArtifactsCallPerVersion() {
        reader(true).read("r");
        Map<String, Long> counts = stub.countsByPath();
        assertEquals(3, counts.get("/registered_models"), "5 models at pageSize 2");
        assertEquals(3, counts.get("/model_versions"), "6 versions at pageSize 2, not one call per model");
        assertEquals(1, counts.get("/inference_services"));
        assertEquals(1, counts.get("/serving_environments"));
        for (String mv : List.of("2", "5", "7", "9", "11", "13")) {
            assertEquals(1, counts.get("/model_versions/" + mv + "/artifacts"), mv);
        }
        assertEquals(1, counts.get("/sources/redhat_ai_models/models/rhelai1/granite-3.1-8b-lab-v1"));
        assertEquals(3 + 3 + 1 + 1 + 6 + 1, stub.requests().size(), "nothing else is called");
    }

    @Test
    void perVersionCallsRunSideBySideButNeverMoreThanTheBoundAtOnce() {
        // Slow artifact answers make calls overlap when they are issued side by side.
        stub.faults().delay("/model_versions/*", Duration.ofMillis(200));
        KfmrClientSettings s = KfmrClientSettings.of(stub.url()).withCatalogUrl(stub.url());

        assertEquals(
                example,
                new RegistryReader(new KfmrClient(s.withMaxConcurrentRequests(3))).read("modelregistry-public"));
        int most = stub.maxConcurrentRequests();
        assertTrue(most >= 2 && most <= 3, "6 artifact calls, at most 3 at a time; saw " + most);

        stub.resetRequests();
        assertEquals(
                example,
                new RegistryReader(new KfmrClient(s.withMaxConcurrentRequests(1))).read("modelregistry-public"));
        assertEquals(1, stub.maxConcurrentRequests(), "one at a time");
    }

    @Test
    void aFailedCallAmongParallelOnesFailsTheWholeRead() {
        stub.faults().failAlways("/model_versions/7/artifacts", 404);
        KfmrClientSettings s = KfmrClientSettings.of(stub.url()).withMaxConcurrentRequests(4);
        assertThrows(KfmrException.class, () -> new RegistryReader(new KfmrClient(s)).read("r"));
    }

    @Test
    void withoutCatalogUrlNoCatalogCallIsMade() {
        RegistryContents read = reader(false).read("r");
        assertTrue(read.catalogModels().isEmpty());
        assertTrue(stub.requests().stream().noneMatch(r -> r.rawPath().contains("model_catalog")));
    }

    @Test
    void missingCatalogModelIsNotFatal() {
        stub.mutate(c -> new RegistryContents(
                c.registryId(),
                c.registeredModels(),
                c.modelVersions(),
                c.artifactsByVersion(),
                c.inferenceServices(),
                c.servingEnvironments(),
                List.of()));
        RegistryContents read = reader(true).read("r");
        assertTrue(read.catalogModels().isEmpty());
        assertEquals(6, read.artifactsByVersion().size());
    }

    @Test
    void onlySelectedVersionsHaveTheirArtifactsRead() {
        RegistryContents read =
                reader(false).read("r", RegistryReadOptions.defaults().withArtifactsFor(Set.of("2", "7")));
        assertEquals(Set.of("2", "7"), read.artifactsByVersion().keySet());
        assertEquals(6, read.modelVersions().size(), "versions are still all listed");
        assertEquals(
                2,
                stub.requests().stream()
                        .filter(r -> r.path().endsWith("/artifacts"))
                        .count());
    }

    @Test
    void cachedArtifactListsOfUnchangedVersionsCostNoCall() {
        ArtifactCache cache = new ArtifactCache();
        RegistryReadOptions options = RegistryReadOptions.defaults().withArtifactCache(cache);
        reader(false).read("r", options);
        stub.resetRequests();

        RegistryContents again = reader(false).read("r", options);
        assertEquals(example.artifactsByVersion(), again.artifactsByVersion());
        assertEquals(
                0,
                stub.requests().stream()
                        .filter(r -> r.path().endsWith("/artifacts"))
                        .count());

        // The dashboard bumps lastUpdateTimeSinceEpoch on edits: only that version is read again.
        stub.mutate(c -> {
            List<ModelVersion> versions = new ArrayList<>();
            for (ModelVersion v : c.modelVersions()) {
                versions.add(
                        !v.id().equals("11")
                                ? v
                                : new ModelVersion(
                                        v.id(),
                                        v.name(),
                                        v.description(),
                                        v.externalId(),
                                        v.customProperties(),
                                        v.createTimeSinceEpoch(),
                                        "1750000000000",
                                        v.registeredModelId(),
                                        v.state(),
                                        v.author()));
            }
            return new RegistryContents(
                    c.registryId(),
                    c.registeredModels(),
                    versions,
                    c.artifactsByVersion(),
                    c.inferenceServices(),
                    c.servingEnvironments(),
                    c.catalogModels());
        });
        stub.resetRequests();
        reader(false).read("r", options);
        assertEquals(
                List.of("/model_versions/11/artifacts"),
                stub.requests().stream()
                        .filter(r -> r.path().endsWith("/artifacts"))
                        .map(StubModelRegistry.RecordedRequest::path)
                        .toList());
    }

    @Test
    void changesBetweenReadsAreSeen() {
        RegistryReader reader = reader(false);
        reader.read("r");
        stub.archiveRegisteredModel("1");
        stub.addRegisteredModel(KfmrClientTest.rm(20));
        RegistryContents read = reader.read("r");
        assertEquals(6, read.registeredModels().size());
        assertEquals("ARCHIVED", read.registeredModels().get(0).state());
        assertEquals("20", read.registeredModels().get(5).id());
    }

    @Test
    void anyFailedCallFailsTheWholeRead() {
        stub.faults().failAlways("/model_versions/11/artifacts", 500);
        assertThrows(KfmrHttpException.class, () -> reader(true).read("r"));
        stub.faults().clear();
        stub.faults().failAlways("/sources/*", 500);
        assertThrows(KfmrHttpException.class, () -> reader(true).read("r"));
    }
}
