package io.modelcatalogbridge.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RemovalGuardTest {

    private final RemovalGuard guard = new RemovalGuard(RemovalGuard.Settings.defaults());

    private static List<String> keys(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i + "_v1").toList();
    }

    @Test
    void ordinaryRemovalsPass() {
        // 1 of 10; 2 of 4 (half, not more); 3 of 5 (more than half, but not more than 3); 1 of 2
        for (int[] c : new int[][] {{1, 10}, {2, 4}, {3, 5}, {1, 2}}) {
            RemovalGuard.Verdict v = guard.judge(Map.of("reg", keys("m", c[0])), Map.of("reg", c[1]), true);
            assertEquals(c[0], v.remove().size(), c[0] + " of " + c[1]);
            assertTrue(v.held().isEmpty());
        }
    }

    @Test
    void moreThanHalfAndMoreThanAFewOrAllAreHeld() {
        for (int[] c : new int[][] {{4, 7}, {1, 1}, {2, 2}, {3, 3}}) {
            RemovalGuard g = new RemovalGuard(RemovalGuard.Settings.defaults());
            RemovalGuard.Verdict v = g.judge(Map.of("reg", keys("m", c[0])), Map.of("reg", c[1]), true);
            assertEquals(Set.of(), v.remove(), c[0] + " of " + c[1]);
            assertEquals(new RemovalGuard.Held(c[0], c[1], 1, 3), v.held().get("reg"));
            assertTrue(v.warnings().get(0).contains(c[0] + " of " + c[1] + " documents of source reg"));
        }
    }

    @Test
    void theSameRemovalSeenInThreeConsecutiveFullSyncsIsApplied() {
        Map<String, List<String>> all = Map.of("reg", keys("m", 8));
        assertTrue(guard.judge(all, Map.of("reg", 8), true).remove().isEmpty());
        assertTrue(guard.judge(all, Map.of("reg", 8), false).remove().isEmpty(), "a delta does not count");
        assertTrue(guard.judge(all, Map.of("reg", 8), true).remove().isEmpty());
        RemovalGuard.Verdict third = guard.judge(all, Map.of("reg", 8), true);
        assertEquals(8, third.remove().size());
        assertTrue(
                third.applied().get(0).contains("seen in 3 consecutive full syncs"),
                third.applied().toString());
    }

    @Test
    void theOnlyDocumentOfASourceIsHeldLikeAllOfThemUntilThreeFullSyncsOrAConfirmation() {
        Map<String, List<String>> only = Map.of("one-model-registry", keys("m", 1));
        Map<String, Integer> stored = Map.of("one-model-registry", 1);
        RemovalGuard.Verdict first = guard.judge(only, stored, true);
        assertEquals(Set.of(), first.remove(), "a registry answering empty once keeps its one document");
        assertEquals(Set.of("m0_v1"), first.keptKeys());
        assertTrue(
                first.warnings().get(0).contains("1 of 1 documents of source one-model-registry (all of them)"),
                first.warnings().toString());
        assertTrue(guard.judge(only, stored, true).remove().isEmpty());
        assertEquals(Set.of("m0_v1"), guard.judge(only, stored, true).remove(), "the third full sync applies it");

        RemovalGuard confirmed = new RemovalGuard(new RemovalGuard.Settings(0.5, 3, 3, Set.of("one-model-registry")));
        assertEquals(Set.of("m0_v1"), confirmed.judge(only, stored, true).remove(), "or a confirmation at once");
    }

    @Test
    void aSyncWithoutTheRemovalStartsTheCountAgain() {
        Map<String, List<String>> all = Map.of("reg", keys("m", 8));
        guard.judge(all, Map.of("reg", 8), true);
        guard.judge(all, Map.of("reg", 8), true);
        guard.judge(Map.of(), Map.of("reg", 8), true); // the registry answered normally again
        assertTrue(guard.judge(all, Map.of("reg", 8), true).remove().isEmpty());
        assertEquals(
                2, guard.judge(all, Map.of("reg", 8), true).held().get("reg").sightings());
    }

    @Test
    void aDifferentRemovalStartsTheCountAgain() {
        guard.judge(Map.of("reg", keys("m", 8)), Map.of("reg", 9), true);
        guard.judge(Map.of("reg", keys("m", 8)), Map.of("reg", 9), true);
        RemovalGuard.Verdict v = guard.judge(Map.of("reg", keys("m", 9)), Map.of("reg", 9), true);
        assertEquals(1, v.held().get("reg").sightings());
    }

    @Test
    void sourcesAreJudgedApart() {
        RemovalGuard.Verdict v = guard.judge(
                Map.of("empty-registry", keys("e", 5), "kserve", keys("k", 1)),
                Map.of("empty-registry", 5, "kserve", 10),
                true);
        assertEquals(Set.of("k0_v1"), v.remove());
        assertEquals(Set.of("empty-registry"), v.held().keySet());
    }

    @Test
    void anOperatorConfirmationAppliesAHeldRemovalAtOnce() {
        RemovalGuard confirmed = new RemovalGuard(new RemovalGuard.Settings(0.5, 3, 3, Set.of("reg")));
        RemovalGuard.Verdict v = confirmed.judge(Map.of("reg", keys("m", 8)), Map.of("reg", 8), true);
        assertEquals(8, v.remove().size());
        assertTrue(v.applied().get(0).contains("confirmed by the operator"));
        RemovalGuard everything = new RemovalGuard(new RemovalGuard.Settings(0.5, 3, 3, Set.of("*")));
        assertEquals(
                8,
                everything
                        .judge(Map.of("x", keys("m", 8)), Map.of("x", 8), false)
                        .remove()
                        .size());
    }

    @Test
    void oneSyncSwitchesTheGuardOff() {
        RemovalGuard off = new RemovalGuard(new RemovalGuard.Settings(0.5, 3, 1, Set.of()));
        assertEquals(
                8,
                off.judge(Map.of("reg", keys("m", 8)), Map.of("reg", 8), true)
                        .remove()
                        .size());
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new RemovalGuard.Settings(1.5, 3, 3, Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new RemovalGuard.Settings(0.5, -1, 3, Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new RemovalGuard.Settings(0.5, 3, 0, Set.of()));
    }
}
