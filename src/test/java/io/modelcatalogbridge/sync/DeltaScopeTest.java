package io.modelcatalogbridge.sync;

import static io.modelcatalogbridge.testing.MappingFixtures.ready;
import static io.modelcatalogbridge.testing.MappingFixtures.withState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.model.DocumentKey;
import io.modelcatalogbridge.model.MappingSettings;
import io.modelcatalogbridge.model.ModelCatalog;
import io.modelcatalogbridge.model.ModelServer;
import io.modelcatalogbridge.render.JsonArrayFormat;
import io.modelcatalogbridge.render.Renderer;
import io.modelcatalogbridge.source.RegistryEndpoint;
import io.modelcatalogbridge.source.kfmr.KfmrClientSettings;
import io.modelcatalogbridge.source.kfmr.RegisteredModel;
import io.modelcatalogbridge.source.kfmr.RegistryContents;
import io.modelcatalogbridge.source.kserve.KServeDeployment;
import io.modelcatalogbridge.testing.KfmrRecords;
import io.modelcatalogbridge.testing.MappingFixtures;
import io.modelcatalogbridge.testing.StubModelRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * What a delta (KServe events only) touches: the documents of the deployments that changed — mapped, rendered and
 * sent — and nothing else, while a full sync still maps and compares everything. Assembled and published as the
 * engine does it ({@link CatalogAssembler} with the kept {@link RegistryMappings}, then {@link Publisher}).
 */
class DeltaScopeTest {
    private static final String IS_ID = KServeDeployment.LABEL_INFERENCE_SERVICE_ID;
    private static final MappingSettings SETTINGS = MappingSettings.defaults();

    /** What the registry holds: read again (a new, equal object) by every full sync, as the engine does. */
    private RegistryContents registry = MappingFixtures.registry("kfmr/deployments.json");
    /** What the last full sync read: deltas read no registry and reuse it. */
    private RegistryContents lastRead;

    private final PublisherReconcileTest.ListingStorage storage = new PublisherReconcileTest.ListingStorage();
    private final List<String> renderedKeys = new ArrayList<>();
    /** The shipped renderer, noting which documents it rendered. */
    private final Renderer counting = new Renderer() {
        private final Renderer json = new JsonArrayFormat();

        @Override
        public String formatName() {
            return json.formatName();
        }

        @Override
        public String fileName() {
            return json.fileName();
        }

        @Override
        public String contentType() {
            return json.contentType();
        }

        @Override
        public byte[] render(ModelCatalog catalog) {
            return json.render(catalog);
        }

        @Override
        public byte[] render(CatalogDocument doc) {
            renderedKeys.add(doc.key().storageKey());
            return json.render(doc);
        }
    };

    private final Publisher publisher =
            new Publisher(storage, counting, 1, PublisherReconcileTest.TIMES, RemovalGuard.Settings.defaults());
    private final RegistryMappings mappings = new RegistryMappings();

    private CatalogAssembler.Assembly last;

    private Publisher.Outcome sync(SyncKind kind, KServeDeployment... deployments) {
        if (kind == SyncKind.FULL) {
            lastRead = copy(registry);
        }
        return sync(kind, lastRead, deployments);
    }

    /** Assembles {@code read} with the deployments and publishes, as the engine does. */
    private Publisher.Outcome sync(SyncKind kind, RegistryContents read, KServeDeployment... deployments) {
        last = CatalogAssembler.assemble(List.of(read), List.of(deployments), SETTINGS, mappings);
        renderedKeys.clear();
        storage.upserts.clear();
        return publisher.publish(last.documents(), PublishOptions.of(kind, true));
    }

    /** The same contents as a new object, as a fresh read of an unchanged registry gives them. */
    private static RegistryContents copy(RegistryContents c) {
        return new RegistryContents(
                c.registryId(),
                new ArrayList<>(c.registeredModels()),
                new ArrayList<>(c.modelVersions()),
                new HashMap<>(c.artifactsByVersion()),
                new ArrayList<>(c.inferenceServices()),
                new ArrayList<>(c.servingEnvironments()),
                new ArrayList<>(c.catalogModels()));
    }

    private List<String> upsertedKeys() {
        return storage.upserts.stream().map(DocumentSink.Outgoing::storageKey).toList();
    }

    private String sentBody(String key) {
        return storage.upserts.stream()
                .filter(u -> u.storageKey().equals(key))
                .map(u -> new String(u.body(), StandardCharsets.UTF_8))
                .findFirst()
                .orElseThrow(() -> new AssertionError(key + " was not sent"));
    }

    private ModelServer server(String rm, String mv) {
        return last.documents().stream()
                .filter(d -> d.key().equals(DocumentKey.of(rm, mv)))
                .findFirst()
                .orElseThrow()
                .catalog()
                .modelServer();
    }

    @Test
    void aKServeOnlyDeploymentRendersAndSendsOnlyItsOwnDocument() {
        Publisher.Outcome first = sync(SyncKind.FULL);
        int registryDocuments = last.documents().size();
        assertTrue(registryDocuments > 1, "the fixture registry has several documents");
        assertEquals(registryDocuments, first.rendered());
        assertEquals(registryDocuments, first.upserted());

        KServeDeployment other = ready("team-x", "fraud", "uid-1", Map.of());
        Publisher.Outcome delta = sync(SyncKind.DELTA, other);

        String key = DocumentKey.of("team-x", "fraud").storageKey();
        assertEquals(List.of(key), upsertedKeys(), "only the new deployment's document is sent");
        assertEquals(List.of(key), renderedKeys, "and only it is rendered");
        assertEquals(1, delta.rendered());
        assertEquals(registryDocuments, delta.unchanged());
        assertEquals(1, mappings.mapped(), "the registry was mapped once, by the full sync");
        assertEquals(1, mappings.reused(), "the delta reused that mapping: no registry deployment changed");
        assertTrue(sentBody(key).contains("https://fraud-team-x.apps.example.com"));
    }

    @Test
    void aRegistryDeploymentThatAppearsChangesAndGoesUpdatesItsVersionDocumentOnly() {
        sync(SyncKind.FULL);
        String mnist = DocumentKey.of("mnist", "v1").storageKey();
        assertEquals(
                "https://mnist-v1-ggmtest.apps.example.com",
                server("mnist", "v1").api().url());

        // The MR controller labels the InferenceService it deployed: the version's server now comes from KServe.
        KServeDeployment deployed = ready("ggmtest", "renamed", "uid-9", Map.of(IS_ID, "4"));
        Publisher.Outcome up = sync(SyncKind.DELTA, deployed);
        assertEquals(List.of(mnist), upsertedKeys());
        assertEquals(List.of(mnist), renderedKeys, "the other versions' documents are not rendered again");
        assertEquals(1, up.rendered());
        assertEquals(
                "https://renamed-ggmtest.apps.example.com",
                server("mnist", "v1").api().url());
        assertTrue(sentBody(mnist).contains("https://renamed-ggmtest.apps.example.com"));
        assertEquals(2, mappings.mapped(), "its answer changed: the registry was mapped again");

        // Stopped: the version has no model server any more.
        sync(SyncKind.DELTA, withState(deployed, false, true));
        assertEquals(List.of(mnist), upsertedKeys());
        assertNull(server("mnist", "v1"), "a stopped deployment serves nothing");

        // Deleted: back to what the registry says.
        sync(SyncKind.DELTA);
        assertEquals(List.of(mnist), upsertedKeys());
        assertEquals(
                "https://mnist-v1-ggmtest.apps.example.com",
                server("mnist", "v1").api().url());
        assertFalse(sentBody(mnist).contains("renamed"));

        // Nothing changed since: a delta sends and renders nothing, and reuses the registry's mapping.
        int mapped = mappings.mapped();
        Publisher.Outcome quiet = sync(SyncKind.DELTA);
        assertEquals(List.of(), upsertedKeys());
        assertEquals(0, quiet.rendered());
        assertEquals(mapped, mappings.mapped());
    }

    @Test
    void deletingOneOfTwoKServeOnlyDeploymentsRemovesOnlyItsDocument() {
        KServeDeployment a = ready("team-x", "a", "uid-a", Map.of());
        KServeDeployment b = ready("team-x", "b", "uid-b", Map.of());
        sync(SyncKind.FULL, a, b);
        String keyA = DocumentKey.of("team-x", "a").storageKey();
        String keyB = DocumentKey.of("team-x", "b").storageKey();
        assertNotNull(storage.held.get(keyB));

        Publisher.Outcome delta = sync(SyncKind.DELTA, a);
        assertEquals(List.of(), upsertedKeys());
        assertEquals(0, delta.rendered());
        assertEquals(1, delta.removed());
        assertTrue(storage.held.containsKey(keyA));
        assertFalse(storage.held.containsKey(keyB), "the deleted deployment's document left storage");
    }

    @Test
    void aFullSyncComparesTheWholeRegistryAndWhatStorageHolds() {
        registry = NormalizerSyncBench.contents(20, 3); // 60 versions, no mapping problem
        sync(SyncKind.FULL);
        assertTrue(last.problems().isEmpty());
        String key = DocumentKey.of("model-0", "v0").storageKey();
        String before = storage.held.get(key).digest();
        // Storage lost a document behind the normalizer's back (a folder restored from a backup).
        storage.held.remove(key);

        sync(SyncKind.DELTA);
        assertEquals(List.of(), upsertedKeys(), "a delta trusts what it sent and does not read storage");

        // The registry read again, unchanged (every record a new, equal object, as parsed from a new read): its
        // contents are compared in full, not mapped again; every document is compared with what storage holds, and
        // the lost one is repaired.
        registry = NormalizerSyncBench.contents(20, 3);
        Publisher.Outcome full = sync(SyncKind.FULL);
        assertEquals(List.of(key), upsertedKeys(), "a full sync compares with storage and repairs it");
        assertEquals(1, full.repaired());
        assertEquals(1, full.rendered(), "re-sent, so rendered again; the others compared by their kept digest");
        assertEquals(before, storage.held.get(key).digest(), "the same content as before");
        assertEquals(1, mappings.mapped(), "an unchanged registry is not mapped again");
        assertEquals(2, mappings.reused());

        // A registry edit (a new description of model-0) is mapped and sent at the next full sync.
        registry = withModelDescription(registry, "1", "Handwritten digits, retrained");
        Publisher.Outcome edited = sync(SyncKind.FULL);
        assertEquals(2, mappings.mapped(), "changed contents are mapped again");
        assertEquals(
                List.of(
                        key,
                        DocumentKey.of("model-0", "v1").storageKey(),
                        DocumentKey.of("model-0", "v2").storageKey()),
                upsertedKeys(),
                "the versions of that model, and only those, are sent");
        assertTrue(sentBody(key).contains("Handwritten digits, retrained"));
        assertEquals(3, edited.rendered(), "and only those are rendered");
    }

    /**
     * A registry read over HTTP, as the engine reads it (paged lists, artifact cache), then assembled and published:
     * after a registry user edits one version and adds another, the next full sync renders and sends exactly those
     * two, with the edit; a full sync with nothing changed sends nothing. Every page is read again each time.
     */
    @Test
    void aFullSyncAfterAnEditAndANewVersionSendsExactlyThoseTwo() {
        try (StubModelRegistry stub = StubModelRegistry.start(NormalizerSyncBench.contents(30, 3))) {
            RegistryReads reads = new RegistryReads(
                    e -> KfmrClientSettings.of(e.url()).withPageSize(10),
                    Duration.ofHours(1),
                    new NormalizerMetrics(new SimpleMeterRegistry()));
            List<RegistryEndpoint> endpoints = List.of(new RegistryEndpoint("bench", stub.url(), "test"));
            Supplier<Publisher.Outcome> fullSync = () -> {
                lastRead = reads.readAll(endpoints, Optional.empty(), true)
                        .get(0)
                        .contents()
                        .orElseThrow();
                return sync(SyncKind.FULL, lastRead);
            };
            assertEquals(90, fullSync.get().upserted());

            long edit = PublisherReconcileTest.NOW - 1000;
            stub.mutate(KfmrRecords.editVersion(
                    "6", v -> KfmrRecords.edited(v, "Retrained on 2026 data", Map.of(), Long.toString(edit))));
            stub.addModelVersion(
                    NormalizerFixtures.version("1000", "5", "v9", edit),
                    List.of(NormalizerFixtures.artifact("1000", "model-1-v9", edit)));
            stub.resetRequests();
            Publisher.Outcome changed = fullSync.get();

            String edited = DocumentKey.of("model-1", "v0").storageKey();
            String added = DocumentKey.of("model-1", "v9").storageKey();
            assertEquals(List.of(edited, added), upsertedKeys());
            assertEquals(List.of(edited, added), renderedKeys);
            assertTrue(sentBody(edited).contains("Retrained on 2026 data"));
            assertEquals(89, changed.unchanged());
            assertTrue(stub.count("/model_versions") >= 10, "every page of the 91 versions read again");

            Publisher.Outcome same = fullSync.get();
            assertEquals(List.of(), upsertedKeys());
            assertEquals(List.of(), renderedKeys);
            assertEquals(91, same.unchanged());
        }
    }

    @Test
    void aRegistryWhoseMappingReportedAProblemIsMappedAgainByEveryFullSync() {
        // A time too far in the future is a problem today and valid later: such a mapping is never reused.
        long future = System.currentTimeMillis() + Duration.ofDays(30).toMillis();
        registry = withModelUpdated(registry, "1", Long.toString(future));
        sync(SyncKind.FULL);
        assertFalse(last.problems().isEmpty(), "the fixture now has a problem");
        sync(SyncKind.FULL);
        assertEquals(2, mappings.mapped());
        assertEquals(0, mappings.reused());
        sync(SyncKind.DELTA);
        assertEquals(1, mappings.reused(), "a delta (same contents, same clock minute) still reuses it");
    }

    private static RegistryContents withModelDescription(RegistryContents c, String modelId, String description) {
        return withModel(c, modelId, description, null);
    }

    private static RegistryContents withModelUpdated(RegistryContents c, String modelId, String updated) {
        return withModel(c, modelId, null, updated);
    }

    /** The registered model {@code modelId} with another description and/or time (null: unchanged). */
    private static RegistryContents withModel(RegistryContents c, String modelId, String description, String updated) {
        UnaryOperator<RegisteredModel> change = rm -> new RegisteredModel(
                rm.id(),
                rm.name(),
                description != null ? description : rm.description(),
                rm.externalId(),
                rm.customProperties(),
                rm.createTimeSinceEpoch(),
                updated != null ? updated : rm.lastUpdateTimeSinceEpoch(),
                rm.owner(),
                rm.state(),
                rm.readme(),
                rm.provider(),
                rm.license(),
                rm.licenseLink());
        return new RegistryContents(
                c.registryId(),
                c.registeredModels().stream()
                        .map(rm -> rm.id().equals(modelId) ? change.apply(rm) : rm)
                        .toList(),
                c.modelVersions(),
                c.artifactsByVersion(),
                c.inferenceServices(),
                c.servingEnvironments(),
                c.catalogModels());
    }
}
