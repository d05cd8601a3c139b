package io.modelcatalogbridge.source.kfmr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.source.snapshot.SnapshotDirectoryTest;
import io.modelcatalogbridge.testing.StubModelRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the normalizer's reads cost on the second and later syncs: caches for artifacts and model cards. */
class RegistryReaderCachingTest {

    private static final String CARD = "/sources/redhat_ai_models/models/rhelai1/granite-3.1-8b-lab-v1";

    private StubModelRegistry stub;
    private RegistryReader reader;
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final CatalogModelCache cards = new CatalogModelCache(Duration.ofMinutes(10), new ManualClock());
    private final RegistryReadOptions options = RegistryReadOptions.defaults()
            .withLiveOnly(true)
            .withArtifactCache(new ArtifactCache())
            .withCatalogCache(cards);

    /** A clock the test moves by hand. */
    private final class ManualClock extends Clock {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(clock.get());
        }
    }

    @BeforeEach
    void start() {
        stub = StubModelRegistry.start(SnapshotDirectoryTest.EXAMPLE);
        reader = new RegistryReader(
                new KfmrClient(KfmrClientSettings.of(stub.url()).withCatalogUrl(stub.url())));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void liveOnlyReadsNoArtifactsOfArchivedVersionsOrModels() {
        RegistryContents read = reader.read("r", options);
        assertEquals(
                Set.of("2", "7", "11", "13"),
                read.artifactsByVersion().keySet(),
                "version 5 is archived, version 9 belongs to archived model 8");
    }

    @Test
    void aFirstReadHandsOverWholeModelsAsTheirArtifactsArriveAndAsksForEachCardOnce() {
        List<RegistryContents> parts = new ArrayList<>();
        RegistryContents whole =
                reader.read("r", options.withPartialContents(new RegistryReadOptions.PartialContents(1, parts::add)));

        assertEquals(3, parts.size(), "four artifact calls, one at a time: a part after each but the last");
        for (RegistryContents part : parts) {
            for (RegisteredModel m : part.registeredModels()) {
                assertEquals(versionsOf(whole, m.id()), versionsOf(part, m.id()), "every version of model " + m.id());
            }
            part.artifactsByVersion()
                    .forEach((id, list) ->
                            assertEquals(whole.artifactsByVersion().get(id), list));
        }
        assertTrue(
                parts.get(0).artifactsByVersion().size()
                        < parts.get(2).artifactsByVersion().size(),
                "each part holds what the one before held, and more");
        assertEquals(1, stub.count(CARD), "a card read for a part is not asked for again");
        assertEquals(1, whole.catalogModels().size());
    }

    private static List<String> versionsOf(RegistryContents contents, String modelId) {
        return contents.modelVersions().stream()
                .filter(v -> modelId.equals(v.registeredModelId()))
                .map(ModelVersion::id)
                .toList();
    }

    @Test
    void modelCardsAreFetchedAgainOnlyWhenTheirArtifactChangesOrTheyAreOld() {
        reader.read("r", options);
        assertEquals(1, stub.count(CARD));
        RegistryContents second = reader.read("r", options);
        assertEquals(1, stub.count(CARD), "unchanged artifact: cached card");
        assertEquals(1, second.catalogModels().size(), "the cached card is still handed on");

        clock.addAndGet(Duration.ofMinutes(11).toMillis());
        reader.read("r", options);
        assertEquals(2, stub.count(CARD), "older than the max age: fetched again");
    }

    @Test
    void aMissingCardIsRememberedToo() {
        stub.mutate(c -> new RegistryContents(
                c.registryId(),
                c.registeredModels(),
                c.modelVersions(),
                c.artifactsByVersion(),
                c.inferenceServices(),
                c.servingEnvironments(),
                List.of()));
        reader.read("r", options);
        reader.read("r", options);
        assertEquals(1, stub.count(CARD));
        assertNull(
                cards.get(new CatalogReference("redhat_ai_models", "rhelai1/granite-3.1-8b-lab-v1"), "x")
                        .orElse(null),
                "another artifact time is a miss");
    }
}
