package io.modelcatalogbridge.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelcatalogbridge.sync.DocumentSink.Stored;
import org.junit.jupiter.api.Test;

/** How the normalizer reads storage's upsert answers. */
class StorageSinkTest {

    @Test
    void aStaleAnswerCarriesTheStoredTime() {
        assertEquals(
                new Stored(true, 1745000560000L),
                StorageSink.stored(
                        "{\"key\":\"credit-risk_v2\","
                                + "\"result\":\"stale\",\"lastUpdateTimeSinceEpoch\":\"1745000560000\",\"message\":\"ignored\"}"));
        assertEquals(
                new Stored(true, 42L), StorageSink.stored("{\"result\":\"stale\",\"lastUpdateTimeSinceEpoch\":42}"));
    }

    @Test
    void otherAnswersAreAccepted() {
        assertEquals(
                Stored.ACCEPTED,
                StorageSink.stored("{\"key\":\"a_b\",\"result\":\"updated\"," + "\"lastUpdateTimeSinceEpoch\":\"5\"}"));
        // The Go bridge's storage answered without a result, or with no JSON at all.
        assertEquals(Stored.ACCEPTED, StorageSink.stored(""));
        assertEquals(Stored.ACCEPTED, StorageSink.stored("created"));
        assertEquals(Stored.ACCEPTED, StorageSink.stored(null));
    }
}
