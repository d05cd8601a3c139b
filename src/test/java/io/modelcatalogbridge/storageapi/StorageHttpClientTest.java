package io.modelcatalogbridge.storageapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** How a client reads storage's upsert answers. */
class StorageHttpClientTest {

    @Test
    void aStaleAnswerCarriesTheStoredTime() {
        assertEquals(
                UpsertResult.stale(1745000560000L),
                StorageHttpClient.answer(
                        "{\"key\":\"credit-risk_v2\","
                                + "\"result\":\"stale\",\"lastUpdateTimeSinceEpoch\":\"1745000560000\",\"message\":\"ignored\"}"));
        assertEquals(
                UpsertResult.stale(42L),
                StorageHttpClient.answer("{\"result\":\"stale\",\"lastUpdateTimeSinceEpoch\":42}"));
    }

    @Test
    void otherAnswersAreAccepted() {
        assertFalse(StorageHttpClient.answer(
                        "{\"key\":\"a_b\",\"result\":\"updated\"," + "\"lastUpdateTimeSinceEpoch\":\"5\"}")
                .stale());
        // The Go bridge's storage answered without a result, or with no JSON at all.
        assertEquals(UpsertResult.ACCEPTED, StorageHttpClient.answer(""));
        assertEquals(UpsertResult.ACCEPTED, StorageHttpClient.answer("created"));
        assertEquals(UpsertResult.ACCEPTED, StorageHttpClient.answer(null));
    }
}
