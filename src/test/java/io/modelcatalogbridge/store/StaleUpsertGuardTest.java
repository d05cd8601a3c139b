package io.modelcatalogbridge.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelcatalogbridge.model.EpochMillis;
import io.modelcatalogbridge.store.memory.MemoryDocumentStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaleUpsertGuardTest {

    /** "Now" is 1750000000000 ms; one hour of future skew is accepted. */
    static final EpochMillis TIMES =
            new EpochMillis(Clock.fixed(Instant.ofEpochMilli(1_750_000_000_000L), ZoneOffset.UTC), Duration.ofHours(1));

    private final MemoryDocumentStore backend = new MemoryDocumentStore();
    private final StaleUpsertGuard store = new StaleUpsertGuard(backend, TIMES);

    private static StoredDocument at(String body, String lastUpdate) {
        return StoredDocument.of(body, "kubeflow", lastUpdate, null, null);
    }

    @Test
    void olderUpsertIsIgnoredComparingNumbers() {
        store.load();
        store.upsert("a_b", at("bmV3", "1000"));
        // "999" sorts after "1000" as text; as numbers it is older
        assertEquals(StoreResult.STALE, store.upsert("a_b", at("b2xk", "999")));
        assertEquals("bmV3", store.fetch("a_b").orElseThrow().body());
    }

    @Test
    void equalOrNewerOrMissingTimestampsAreAccepted() {
        store.load();
        store.upsert("a_b", at("YQ==", "1000"));
        assertEquals(StoreResult.UPDATED, store.upsert("a_b", at("Yg==", "1000")));
        assertEquals(StoreResult.UPDATED, store.upsert("a_b", at("Yw==", "1001")));
        assertEquals(StoreResult.UPDATED, store.upsert("a_b", at("ZA==", "")));
        assertEquals(StoreResult.UPDATED, store.upsert("a_b", at("ZQ==", "5")));
    }

    /**
     * Records written before storage checked times (or by hand, or by the Go bridge) cannot pin a key: a time the
     * bridge would refuse today counts as none, so the next upsert wins and repairs the record.
     */
    @Test
    void aStoredTimeTheBridgeWouldRefuseDoesNotPinTheKey() {
        List<String> poisoned = List.of(
                "9223372036854775807", // Long.MAX: 19 digits
                "9999999999999", // 13 digits, but the year 2286
                "-5",
                "+1000000000001",
                "01000000000001", // 14 characters
                "١٧٥٠٠٠٠٠٠٠٠٠٠"); // Arabic-Indic digits: Long.parseLong reads them
        backend.load();
        for (int i = 0; i < poisoned.size(); i++) {
            backend.upsert("k" + i + "_v1", at("YQ==", poisoned.get(i)));
        }
        assertEquals(List.of("k0_v1", "k1_v1", "k2_v1", "k3_v1", "k4_v1", "k5_v1"), store.keysWithInvalidTimes());
        for (int i = 0; i < poisoned.size(); i++) {
            assertEquals(
                    StoreResult.UPDATED,
                    store.upsert("k" + i + "_v1", at("Yg==", "1749999999000")),
                    "stored " + poisoned.get(i));
            assertEquals(
                    "1749999999000", store.fetch("k" + i + "_v1").orElseThrow().lastUpdateTimeSinceEpoch());
        }
        assertEquals(List.of(), store.keysWithInvalidTimes(), "repaired");
        assertEquals(StoreResult.STALE, store.upsert("k0_v1", at("Yw==", "1")), "and guarded again");
    }
}
