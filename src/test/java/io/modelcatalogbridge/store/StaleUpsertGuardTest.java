package io.modelcatalogbridge.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelcatalogbridge.store.memory.MemoryDocumentStore;
import org.junit.jupiter.api.Test;

class StaleUpsertGuardTest {

    private final DocumentStore store = new StaleUpsertGuard(new MemoryDocumentStore());

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
}
