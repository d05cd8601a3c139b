package io.modelcatalogbridge.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.model.DocumentKey;
import io.modelcatalogbridge.model.Model;
import io.modelcatalogbridge.model.ModelCard;
import io.modelcatalogbridge.model.ModelCatalog;
import io.modelcatalogbridge.model.SourceKind;
import io.modelcatalogbridge.render.JsonArrayFormat;
import io.modelcatalogbridge.sync.DocumentSink.Outgoing;
import io.modelcatalogbridge.testing.CatalogBuilders;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PublisherTest {

    /** Records what would go to storage, with storage's stale guard (older upserts refused); can be made to fail. */
    static final class Recording implements DocumentSink {
        final List<Outgoing> upserts = new ArrayList<>();
        final List<List<String>> keySets = new ArrayList<>();
        final Map<String, Long> storedTimes = new HashMap<>();
        boolean down;

        @Override
        public Stored upsert(Outgoing document) {
            if (down) {
                throw new SinkException("storage down", null);
            }
            upserts.add(document);
            Long stored = storedTimes.get(document.storageKey());
            if (stored != null && document.lastUpdated() < stored) {
                return new Stored(true, stored);
            }
            storedTimes.put(document.storageKey(), document.lastUpdated());
            return Stored.ACCEPTED;
        }

        @Override
        public void currentKeySet(Collection<String> keys) {
            if (down) {
                throw new SinkException("storage down", null);
            }
            keySets.add(List.copyOf(keys));
            storedTimes.keySet().retainAll(keys);
        }

        int listings;

        /** Like the Go bridge's storage: keys only. */
        @Override
        public Holdings holdings() {
            listings++;
            if (down) {
                throw new SinkException("storage down", null);
            }
            SortedMap<String, Holding> out = new TreeMap<>();
            storedTimes.keySet().forEach(k -> out.put(k, Holding.keyOnly()));
            return new Holdings(false, out);
        }
    }

    private final Recording sink = new Recording();
    private final Publisher publisher = new Publisher(sink, new JsonArrayFormat());

    private static CatalogDocument doc(String group, String description, long updated, Optional<ModelCard> card) {
        Model m = CatalogBuilders.model(group + "-v1", "owner", "development", description)
                .tags(List.of())
                .build();
        return new CatalogDocument(
                DocumentKey.of(group, "v1"),
                "reg",
                SourceKind.KUBEFLOW,
                updated,
                new ModelCatalog(null, List.of(m)),
                card);
    }

    @Test
    void unchangedDocumentsAreNotSentAgain() {
        publisher.publish(
                List.of(doc("a", "one", 10, Optional.empty()), doc("b", "two", 10, Optional.empty())),
                PublishOptions.full(true));
        Publisher.Outcome second = publisher.publish(
                List.of(doc("a", "one", 10, Optional.empty()), doc("b", "changed", 11, Optional.empty())),
                PublishOptions.delta(true));
        assertEquals(3, sink.upserts.size());
        assertEquals(1, second.upserted());
        assertEquals(1, second.unchanged());
        assertEquals(0, sink.keySets.size(), "nothing to remove: no key set");
    }

    @Test
    void aChangedModelCardIsAChange() {
        publisher.publish(
                List.of(doc("a", "one", 10, Optional.of(new ModelCard("s", "r/m", "# v1")))),
                PublishOptions.full(true));
        publisher.publish(
                List.of(doc("a", "one", 10, Optional.of(new ModelCard("s", "r/m", "# v2")))),
                PublishOptions.full(true));
        assertEquals(2, sink.upserts.size());
        assertEquals("s/r/m", sink.upserts.get(1).modelCard().orElseThrow().key());
    }

    @Test
    void theTimeSentNeverGoesBackwardsForAKey() {
        publisher.publish(List.of(doc("a", "served", 500, Optional.empty())), PublishOptions.full(true));
        publisher.publish(List.of(doc("a", "server gone", 400, Optional.empty())), PublishOptions.full(true));
        assertEquals(501, sink.upserts.get(1).lastUpdated(), "storage refuses older upserts");
    }

    @Test
    void incompleteDataNeverPrunes() {
        publisher.publish(
                List.of(doc("a", "one", 10, Optional.empty()), doc("b", "two", 10, Optional.empty())),
                PublishOptions.full(true));
        Publisher.Outcome o =
                publisher.publish(List.of(doc("a", "one", 10, Optional.empty())), PublishOptions.full(false));
        assertFalse(o.keySetSent());
        assertEquals(0, sink.keySets.size());
        o = publisher.publish(List.of(doc("a", "one", 10, Optional.empty())), PublishOptions.full(true));
        assertTrue(o.keySetSent());
        assertEquals(1, o.removed());
        assertEquals(List.of("a_v1"), sink.keySets.get(0));
    }

    @Test
    void aNewerTimeInStorageFromAnEarlierNormalizerDoesNotBlockTheCurrentState() {
        // An earlier normalizer sent 501 (its +1 after the deployment went away, or the deployment's own time);
        // this one starts fresh and reads a document whose newest input is older.
        sink.storedTimes.put("a_v1", 501L);
        Publisher.Outcome o =
                publisher.publish(List.of(doc("a", "server gone", 400, Optional.empty())), PublishOptions.full(true));

        assertEquals(1, o.upserted());
        assertEquals(
                List.of(400L, 502L),
                sink.upserts.stream().map(Outgoing::lastUpdated).toList(),
                "refused once, then sent just after the stored time");
        assertEquals(502L, sink.storedTimes.get("a_v1"));

        publisher.publish(List.of(doc("a", "served again", 450, Optional.empty())), PublishOptions.full(true));
        assertEquals(503L, sink.upserts.get(2).lastUpdated(), "and the time keeps going forward from there");
    }

    @Test
    void aRefusalAfterThisProcessSentTheKeyIsRespected() {
        publisher.publish(List.of(doc("a", "one", 10, Optional.empty())), PublishOptions.full(true));
        sink.storedTimes.put("a_v1", 900L); // another writer stored a newer version meanwhile

        Publisher.Outcome o =
                publisher.publish(List.of(doc("a", "two", 11, Optional.empty())), PublishOptions.full(true));

        assertEquals(0, o.upserted());
        assertEquals(0, o.failed());
        assertEquals(1, o.refused(), "a refusal is reported as one, never as unchanged");
        assertEquals(0, o.unchanged());
        assertEquals(2, sink.upserts.size(), "not re-sent over the newer version");
        assertEquals(900L, sink.storedTimes.get("a_v1"));
    }

    @Test
    void changedDocumentsGoToStorageSideBySideUpToTheBound() throws Exception {
        int bound = 4;
        CountDownLatch together = new CountDownLatch(bound);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<String> stored = Collections.synchronizedList(new ArrayList<>());
        DocumentSink parallel = new DocumentSink() {
            @Override
            public Stored upsert(Outgoing document) {
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    // The first `bound` upserts only return once that many are in flight together.
                    together.countDown();
                    assertTrue(together.await(60, TimeUnit.SECONDS), "upserts were not parallel");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                } finally {
                    inFlight.decrementAndGet();
                }
                stored.add(document.storageKey());
                return Stored.ACCEPTED;
            }

            @Override
            public void currentKeySet(Collection<String> keys) {}

            @Override
            public Holdings holdings() {
                return new Holdings(true, new TreeMap<>());
            }
        };
        List<CatalogDocument> docs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            docs.add(doc("m" + i, "d", 10, Optional.empty()));
        }

        Publisher.Outcome o =
                new Publisher(parallel, new JsonArrayFormat(), bound).publish(docs, PublishOptions.full(true));

        assertEquals(300, o.upserted());
        assertEquals(300, new HashSet<>(stored).size());
        assertEquals(bound, most.get(), "never more than the bound at once");
    }

    @Test
    void failedUpsertsAreRetriedAtTheNextPublish() {
        sink.down = true;
        Publisher.Outcome o =
                publisher.publish(List.of(doc("a", "one", 10, Optional.empty())), PublishOptions.full(true));
        assertEquals(1, o.failed());
        assertEquals(2, o.errors().size(), "the listing and the upsert");
        assertFalse(o.reachedStorage());
        sink.down = false;
        o = publisher.publish(List.of(doc("a", "one", 10, Optional.empty())), PublishOptions.delta(true));
        assertEquals(1, o.upserted());
        assertTrue(o.reachedStorage());
    }

    @Test
    void partsSentAheadOfTheFullPublishAreSentOnceAndCountedAsSent() {
        CatalogDocument a = doc("a", "A", 1_000, Optional.empty());
        CatalogDocument b = doc("b", "B", 1_000, Optional.empty());
        CatalogDocument c = doc("c", "C", 1_000, Optional.empty());
        publisher.startListing(Runnable::run);

        Publisher.Outcome part = publisher.publishPart(List.of(a));
        Publisher.Outcome larger = publisher.publishPart(List.of(a, b));
        Publisher.Outcome full = publisher.publish(List.of(a, b, c), PublishOptions.full(true));

        assertEquals(1, part.upserted());
        assertEquals(1, larger.upserted(), "a part sends only what storage does not hold yet");
        assertEquals(
                List.of("a_v1", "b_v1", "c_v1"),
                sink.upserts.stream().map(Outgoing::storageKey).toList());
        assertEquals(1, sink.listings, "the full publish uses the listing the first part took");
        assertEquals(3, full.upserted(), "the parts' upserts are the sync's");
        assertEquals(0, full.unchanged());
        assertEquals(0, full.listed(), "storage held nothing when listed");
        assertTrue(full.reachedStorage());

        Publisher.Outcome next = publisher.publish(List.of(a, b, c), PublishOptions.full(true));
        assertEquals(0, next.upserted(), "a later sync counts only its own");
        assertEquals(3, next.unchanged());
    }

    @Test
    void aPartFindsStorageDownAndSendsNothingTheFullPublishReportsIt() {
        CatalogDocument a = doc("a", "A", 1_000, Optional.empty());
        sink.down = true;
        publisher.startListing(Runnable::run);

        Publisher.Outcome part = publisher.publishPart(List.of(a));
        Publisher.Outcome full = publisher.publish(List.of(a), PublishOptions.full(true));

        assertEquals(0, part.upserted());
        assertTrue(sink.upserts.isEmpty());
        assertFalse(full.reachedStorage(), "the full publish lists again and says storage failed");
    }
}
