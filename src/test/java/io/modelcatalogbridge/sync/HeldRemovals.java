package io.modelcatalogbridge.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelcatalogbridge.testing.Waits;
import java.util.concurrent.TimeUnit;

/**
 * The removal guard as the normalizer tests meet it: removing the last documents of a source (the only KServe-only
 * deployment deleted, a registry's Route gone) is held like any mass removal until three full syncs agree.
 */
final class HeldRemovals {

    /** Full syncs after which the guard applies a held removal (the default {@code REMOVAL_GUARD_SYNCS}). */
    static final int SYNCS = 3;

    private HeldRemovals() {}

    /** {@code bridge_removals_held{source}} as {@code /q/metrics} reports it (0 before it was ever set). */
    static double removalsHeld(MeterRegistry meters, String source) {
        Gauge g = meters.find("bridge.removals.held").tag("source", source).gauge();
        return g == null ? 0 : g.value();
    }

    /**
     * After the last documents of {@code source} went away in the cluster: waits until a KServe delta holds their
     * removal, then runs the full syncs after which the guard applies it, and checks the metric is back to 0.
     */
    static void applyAfterDelta(SyncEngine engine, MeterRegistry meters, String source) throws Exception {
        Waits.await("removal of " + source + " held").until(() -> removalsHeld(meters, source) > 0);
        fullSyncs(engine);
        assertEquals(0.0, removalsHeld(meters, source), "bridge_removals_held{source=" + source + "} cleared");
    }

    /** The full syncs after which the guard applies a removal it holds. */
    static void fullSyncs(SyncEngine engine) throws Exception {
        for (int i = 0; i < SYNCS; i++) {
            engine.fullSyncNow().get(60, TimeUnit.SECONDS);
        }
    }
}
