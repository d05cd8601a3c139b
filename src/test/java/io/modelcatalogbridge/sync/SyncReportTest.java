package io.modelcatalogbridge.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The one line each sync logs: what an operator reads to see where a sync's time went and what it touched. */
class SyncReportTest {

    private static SyncReport report(SyncKind kind, int rendered, Duration took, Duration reading) {
        return new SyncReport(
                7,
                kind,
                true,
                10_001,
                rendered,
                kind == SyncKind.FULL ? 10_001 : -1,
                1,
                10_000,
                0,
                0,
                0,
                0,
                new TreeMap<>(),
                Publisher.KeySet.NOT_NEEDED,
                List.of(),
                List.of(),
                List.of(),
                0,
                took,
                reading);
    }

    @Test
    void aFullSyncSaysHowLongTheRegistriesTookAndHowManyDocumentsItRendered() {
        assertEquals(
                "sync 7 (full) complete in 40000 ms (registries read in 12000 ms): 10001 documents (1 rendered),"
                        + " storage listed 10001; 1 upserted, 10000 unchanged, 0 failed, 0 removed; key set not"
                        + " needed; 0 mapping problems, 0 deployments without a model server",
                report(SyncKind.FULL, 1, Duration.ofSeconds(40), Duration.ofSeconds(12))
                        .summary());
    }

    @Test
    void aDeltaReadsNoRegistry() {
        assertEquals(
                "sync 7 (delta) complete in 90 ms: 10001 documents (1 rendered); 1 upserted, 10000 unchanged, 0"
                        + " failed, 0 removed; key set not needed; 0 mapping problems, 0 deployments without a model"
                        + " server",
                report(SyncKind.DELTA, 1, Duration.ofMillis(90), Duration.ZERO).summary());
    }
}
