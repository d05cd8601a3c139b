package io.modelcatalogbridge.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.model.DocumentKey;
import io.modelcatalogbridge.model.EpochMillis;
import io.modelcatalogbridge.model.Model;
import io.modelcatalogbridge.model.ModelCard;
import io.modelcatalogbridge.model.ModelCatalog;
import io.modelcatalogbridge.model.SourceKind;
import io.modelcatalogbridge.render.JsonArrayFormat;
import io.modelcatalogbridge.storageapi.ContentDigest;
import io.modelcatalogbridge.testing.CatalogBuilders;
import io.modelcatalogbridge.testing.Waits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The publisher against a storage that lists digests, as this bridge's storage does ({@code GET /digests}): every
 * full sync converges storage to the rendered documents, whatever happened to it, and removals go through the
 * guard.
 */
class PublisherReconcileTest {

    static final long NOW = 1_750_000_000_000L;
    static final EpochMillis TIMES =
            new EpochMillis(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), Duration.ofHours(1));

    /** Storage with the stale guard and the digest listing; the test may change what it holds behind its back. */
    static final class ListingStorage implements DocumentSink {
        record Held(String digest, String time, String source) {}

        final SortedMap<String, Held> held = new TreeMap<>();
        final List<Outgoing> upserts = new ArrayList<>();
        final List<List<String>> keySets = new ArrayList<>();
        int listings;
        boolean keySetFails;
        boolean listingFails;
        /** When set, a listing does not answer until it is opened (a slow {@code GET /digests} of 10,000 keys). */
        volatile CountDownLatch listingGate;
        /** Counted down by every upsert, once storage has taken it. */
        volatile CountDownLatch upsertsArrived = new CountDownLatch(0);

        @Override
        public Stored upsert(Outgoing d) {
            try {
                return store(d);
            } finally {
                upsertsArrived.countDown();
            }
        }

        private Stored store(Outgoing d) {
            upserts.add(d);
            Held h = held.get(d.storageKey());
            // Storage's stale guard: a stored time the bridge would refuse never makes an upsert stale.
            OptionalLong stored = h == null ? OptionalLong.empty() : TIMES.tryParse(h.time());
            if (stored.isPresent() && d.lastUpdated() < stored.getAsLong()) {
                return new Stored(true, stored.getAsLong());
            }
            held.put(
                    d.storageKey(),
                    new Held(
                            ContentDigest.of(
                                    d.body(),
                                    d.kind().wireName(),
                                    d.modelCard().map(ModelCard::key).orElse(null),
                                    d.modelCard().map(ModelCard::markdown).orElse(null)),
                            Long.toString(d.lastUpdated()),
                            d.sourceId()));
            return Stored.ACCEPTED;
        }

        @Override
        public void currentKeySet(Collection<String> keys) {
            if (keySetFails) {
                throw new SinkException(
                        "POST /currentkeyset failed after 3 attempts: IOException (GOAWAY received)", null);
            }
            keySets.add(List.copyOf(keys));
            held.keySet().retainAll(keys);
        }

        @Override
        public Holdings holdings() {
            awaitOpen(listingGate);
            if (listingFails) {
                throw new SinkException("GET /digests: connection refused", null);
            }
            listings++;
            SortedMap<String, Holding> out = new TreeMap<>();
            held.forEach((k, h) -> out.put(k, new Holding(h.digest(), h.time(), h.source())));
            return new Holdings(true, out);
        }
    }

    /** Waits until {@code gate} opens (a test that never opens it fails at the ceiling rather than hanging). */
    static void awaitOpen(CountDownLatch gate) {
        try {
            if (gate != null && !gate.await(Waits.ceiling().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new DocumentSink.SinkException("the test never let storage answer the listing", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DocumentSink.SinkException("interrupted", e);
        }
    }

    private final ListingStorage storage = new ListingStorage();
    private Publisher publisher = newPublisher();

    private Publisher newPublisher() {
        return new Publisher(storage, new JsonArrayFormat(), 1, TIMES, RemovalGuard.Settings.defaults());
    }

    private static CatalogDocument doc(String source, String name, String description, long updated) {
        Model m = CatalogBuilders.model(name + "-v1", "owner", "development", description)
                .tags(List.of())
                .build();
        return new CatalogDocument(
                DocumentKey.of(name, "v1"),
                source,
                SourceKind.KUBEFLOW,
                updated,
                new ModelCatalog(null, List.of(m)),
                Optional.empty());
    }

    private static List<CatalogDocument> registry(String source, int n, long updated) {
        return IntStream.range(0, n)
                .mapToObj(i -> doc(source, source + "-m" + i, "model " + i, updated))
                .toList();
    }

    private static List<CatalogDocument> both(List<CatalogDocument> a, List<CatalogDocument> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    @Test
    void aNoChangeFullSyncOnlyListsStorage() {
        publisher.publish(registry("reg", 4, 100), PublishOptions.full(true));
        storage.upserts.clear();
        int listingsBefore = storage.listings;

        Publisher.Outcome o = publisher.publish(registry("reg", 4, 100), PublishOptions.full(true));

        assertEquals(4, o.unchanged());
        assertEquals(List.of(), storage.upserts, "digests equal: no body is sent");
        assertEquals(List.of(), storage.keySets, "nothing to remove: no key set");
        assertEquals(1, storage.listings - listingsBefore);
        assertEquals(4, o.listed());
    }

    /**
     * A full sync lists storage while it reads the registries; a delta published in between changed storage after that
     * listing was taken. The full sync must neither send the delta's document again nor resurrect what the delta
     * removed, and must still repair what storage lost before the listing.
     */
    @Test
    void aListingTakenWhileTheRegistriesWereReadIsCorrectedByWhatWasSentSince() {
        List<CatalogDocument> before = both(registry("reg", 4, 100), List.of(doc("kserve", "isvc", "old", 100)));
        publisher.publish(before, PublishOptions.full(true));
        storage.upserts.clear();
        storage.held.remove("reg-m0_v1"); // lost: the full sync must repair it
        List<Runnable> queued = new ArrayList<>();
        publisher.startListing(queued::add);
        queued.forEach(Runnable::run); // storage is listed now, before the delta below

        List<CatalogDocument> after = both(registry("reg", 4, 100), List.of(doc("kserve", "isvc", "new", 200)));
        Publisher.Outcome delta = publisher.publish(after, PublishOptions.delta(true));
        assertEquals(List.of("isvc_v1"), upsertedKeys());
        storage.upserts.clear();

        Publisher.Outcome full = publisher.publish(after, PublishOptions.full(true));

        assertEquals(1, delta.upserted());
        assertEquals(List.of("reg-m0_v1"), upsertedKeys(), "the lost one is repaired, the delta's not sent again");
        assertEquals(1, full.repaired());
        assertEquals(4, full.unchanged());
        assertEquals(5, storage.held.size());
    }

    /**
     * A registry change must not wait for storage's listing of every digest (10,000 keys take a while): the documents
     * that changed since the last sync go out while the listing is on its way; once it answers, what storage lost is
     * repaired and what no source has is removed, and nothing goes out twice.
     */
    @Test
    void changedDocumentsReachStorageWhileTheListingIsStillOnItsWay() throws Exception {
        publisher.publish(registry("reg", 4, 100), PublishOptions.full(true));
        storage.upserts.clear();
        storage.held.remove("reg-m0_v1"); // lost: the listing shows it missing
        storage.held.put("stray_v1", new ListingStorage.Held("x", "1", "reg")); // no source has it
        List<CatalogDocument> after = new ArrayList<>(registry("reg", 4, 100));
        after.set(2, doc("reg", "reg-m2", "a new description", 200));
        after.add(doc("reg", "new", "a new version", 300));
        CountDownLatch listingOpen = new CountDownLatch(1);
        storage.listingGate = listingOpen;
        storage.upsertsArrived = new CountDownLatch(2);
        int listedBefore = storage.listings;
        ExecutorService threads = Executors.newFixedThreadPool(2); // the listing and the sync thread
        try {
            publisher.startListing(threads);
            Future<Publisher.Outcome> full = threads.submit(() -> publisher.publish(after, PublishOptions.full(true)));

            assertTrue(
                    storage.upsertsArrived.await(Waits.ceiling().toMillis(), TimeUnit.MILLISECONDS),
                    "the changed documents did not reach storage while the listing was blocked: " + upsertedKeys());
            assertEquals(listedBefore, storage.listings, "storage has not listed yet");
            listingOpen.countDown();
            Publisher.Outcome o = full.get();

            assertEquals(
                    List.of("reg-m2_v1", "new_v1", "reg-m0_v1"),
                    upsertedKeys(),
                    "the changed and the new one first, then the repair; none twice");
            assertEquals(3, o.upserted());
            assertEquals(1, o.repaired());
            assertEquals(2, o.unchanged());
            assertEquals(1, o.removed());
            assertEquals(Set.of("new_v1", "reg-m0_v1", "reg-m1_v1", "reg-m2_v1", "reg-m3_v1"), storage.held.keySet());
            assertTrue(o.reachedStorage(), o.errors().toString());
        } finally {
            listingOpen.countDown();
            threads.shutdownNow();
        }
    }

    /** Storage's listing failed: what changed still goes out, but nothing is removed on a view storage did not give. */
    @Test
    void aFailedListingRemovesNothingYetChangedDocumentsStillGoOut() {
        publisher.publish(registry("reg", 10, 100), PublishOptions.full(true));
        storage.upserts.clear();
        List<CatalogDocument> after = new ArrayList<>(registry("reg", 9, 100)); // reg-m9 archived: 1 of 10
        after.set(0, doc("reg", "reg-m0", "a new description", 200));
        storage.listingFails = true;
        publisher.startListing(Runnable::run);

        Publisher.Outcome failed = publisher.publish(after, PublishOptions.full(true));

        assertEquals(List.of("reg-m0_v1"), upsertedKeys());
        assertEquals(List.of(), storage.keySets, "no removal without a listing");
        assertTrue(storage.held.containsKey("reg-m9_v1"));
        assertFalse(failed.reachedStorage());
        assertTrue(
                failed.errors().get(0).contains("connection refused"),
                failed.errors().toString());

        storage.listingFails = false;
        publisher.startListing(Runnable::run);
        Publisher.Outcome next = publisher.publish(after, PublishOptions.full(true));

        assertEquals(1, next.removed(), "removed once storage listed what it holds");
        assertFalse(storage.held.containsKey("reg-m9_v1"));
        assertEquals(List.of("reg-m0_v1"), upsertedKeys(), "the change was not sent again");
    }

    /** Just started, the process knows nothing it published: it waits for the listing instead of sending everything. */
    @Test
    void aRestartedProcessSendsNothingAheadOfTheListing() {
        publisher.publish(registry("reg", 4, 100), PublishOptions.full(true));
        storage.upserts.clear();
        publisher = newPublisher();
        publisher.startListing(Runnable::run);

        Publisher.Outcome o = publisher.publish(registry("reg", 4, 100), PublishOptions.full(true));

        assertEquals(List.of(), storage.upserts, "storage holds every document already");
        assertEquals(4, o.unchanged());
    }

    @Test
    void aListingThatFailedWhileTheRegistriesWereReadIsReportedAndTheLastKnownViewStands() {
        publisher.publish(registry("reg", 4, 100), PublishOptions.full(true));
        storage.upserts.clear();
        storage.listingFails = true;
        publisher.startListing(Runnable::run);

        Publisher.Outcome full = publisher.publish(registry("reg", 4, 100), PublishOptions.full(true));

        assertFalse(full.reachedStorage());
        assertTrue(
                full.errors().get(0).contains("connection refused"),
                full.errors().toString());
        assertEquals(List.of(), storage.upserts, "what was sent before is still taken as held");
        assertEquals(List.of(), storage.keySets);
    }

    /**
     * Sidecars start together: the first full sync may list storage before storage listens. Storage answering by the
     * time the documents are published must be enough for the sync to reach it (else the normalizer stays unready
     * until the next full sync, minutes later).
     */
    @Test
    void aListingThatFailedWhileTheRegistriesWereReadIsAskedAgainWhenPublishing() {
        publisher.publish(registry("reg", 4, 100), PublishOptions.full(true));
        storage.upserts.clear();
        storage.held.remove("reg-m1_v1"); // lost while storage was down
        storage.listingFails = true;
        publisher.startListing(listing -> {
            listing.run();
            storage.listingFails = false; // storage is up by the time the registries are read
        });

        Publisher.Outcome full = publisher.publish(registry("reg", 4, 100), PublishOptions.full(true));

        assertTrue(full.reachedStorage(), full.errors().toString());
        assertEquals(3, full.listed());
        assertEquals(List.of("reg-m1_v1"), upsertedKeys(), "what storage lost is repaired from the second listing");
    }

    private List<String> upsertedKeys() {
        return storage.upserts.stream().map(DocumentSink.Outgoing::storageKey).toList();
    }

    @Test
    void storageThatLostEverythingIsRefilledAtTheNextFullSyncNotByADelta() {
        publisher.publish(registry("reg", 4, 100), PublishOptions.full(true));
        storage.held.clear(); // restarted empty, or POST /currentkeyset?key= by mistake

        Publisher.Outcome delta = publisher.publish(registry("reg", 4, 100), PublishOptions.delta(true));
        assertEquals(4, delta.unchanged(), "a delta trusts what it last saw");

        Publisher.Outcome full = publisher.publish(registry("reg", 4, 100), PublishOptions.full(true));
        assertEquals(4, full.upserted());
        assertEquals(4, full.repaired());
        assertEquals(4, storage.held.size());
    }

    @Test
    void aRestoredBackupWithOlderContentIsReplaced() {
        publisher.publish(List.of(doc("reg", "a", "old", 100)), PublishOptions.full(true));
        ListingStorage.Held backup = storage.held.get("a_v1");
        publisher.publish(List.of(doc("reg", "a", "new", 200)), PublishOptions.full(true));
        storage.held.put("a_v1", backup);

        Publisher.Outcome o = publisher.publish(List.of(doc("reg", "a", "new", 200)), PublishOptions.full(true));

        assertEquals(1, o.upserted());
        assertEquals(1, o.repaired());
        assertEquals("200", storage.held.get("a_v1").time());
    }

    @Test
    void aStoredTimeStorageShouldNotKeepIsRepairedNotCountedUnchanged() {
        publisher.publish(List.of(doc("reg", "a", "same", 100)), PublishOptions.full(true));
        ListingStorage.Held h = storage.held.get("a_v1");
        storage.held.put("a_v1", new ListingStorage.Held(h.digest(), "9223372036854775807", h.source()));
        storage.upserts.clear();

        Publisher publisherAfterRestart = newPublisher();
        Publisher.Outcome o =
                publisherAfterRestart.publish(List.of(doc("reg", "a", "same", 100)), PublishOptions.full(true));

        assertEquals(1, o.upserted());
        assertEquals(0, o.unchanged());
        assertEquals(100L, storage.upserts.get(0).lastUpdated(), "the poisoned time is no base for + 1");
        assertEquals("100", storage.held.get("a_v1").time());
    }

    @Test
    void afterARestartANewerStoredTimeIsPassedUpFrontWithoutARefusal() {
        storage.held.put("a_v1", new ListingStorage.Held("another-digest", "501", "reg"));

        Publisher.Outcome o =
                publisher.publish(List.of(doc("reg", "a", "server gone", 400)), PublishOptions.full(true));

        assertEquals(1, o.upserted());
        assertEquals(
                List.of(502L),
                storage.upserts.stream().map(DocumentSink.Outgoing::lastUpdated).toList());
    }

    @Test
    void aNewerVersionFromAnotherWriterIsRefusedNotUnchanged() {
        publisher.publish(List.of(doc("reg", "a", "one", 100)), PublishOptions.full(true));
        storage.held.put("a_v1", new ListingStorage.Held("theirs", "900", "reg"));

        Publisher.Outcome o = publisher.publish(List.of(doc("reg", "a", "one", 100)), PublishOptions.full(true));

        assertEquals(1, o.refused());
        assertEquals(0, o.unchanged());
        assertTrue(
                o.warnings().get(0).contains("newer version (900)"),
                o.warnings().toString());
        assertTrue(o.reachedStorage(), "a refusal is an answer");
    }

    @Test
    void recordsWithoutASourceGetOneOnce() {
        publisher.publish(List.of(doc("reg", "a", "one", 100)), PublishOptions.full(true));
        ListingStorage.Held h = storage.held.get("a_v1");
        storage.held.put("a_v1", new ListingStorage.Held(h.digest(), h.time(), null)); // written by an older bridge

        assertEquals(
                1,
                publisher
                        .publish(List.of(doc("reg", "a", "one", 100)), PublishOptions.full(true))
                        .upserted());
        assertEquals("reg", storage.held.get("a_v1").source());
        assertEquals(
                1,
                publisher
                        .publish(List.of(doc("reg", "a", "one", 100)), PublishOptions.full(true))
                        .unchanged());
    }

    @Test
    void extrasInStorageAreRemovedWhenFew() {
        publisher.publish(registry("reg", 10, 100), PublishOptions.full(true));
        storage.held.put("stray_v1", new ListingStorage.Held("x", "1", "reg")); // e.g. restored from a backup

        Publisher.Outcome o = publisher.publish(registry("reg", 10, 100), PublishOptions.full(true));

        assertEquals(1, o.removed());
        assertFalse(storage.held.containsKey("stray_v1"));
        assertEquals(10, storage.keySets.get(0).size());
    }

    @Test
    void aRegistryAnsweringEmptyOnceRemovesNothingThreeTimesRemovesItsDocuments() {
        List<CatalogDocument> reg = registry("reg", 6, 100);
        List<CatalogDocument> kserve = registry("kserve", 2, 100);
        publisher.publish(both(reg, kserve), PublishOptions.full(true));

        Publisher.Outcome once = publisher.publish(kserve, PublishOptions.full(true));
        assertEquals(0, once.removed());
        assertEquals(List.of(), storage.keySets, "nothing removed: no key set");
        assertEquals(new RemovalGuard.Held(6, 6, 1, 3), once.held().get("reg"));
        assertTrue(once.warnings().get(0).startsWith("holding the removal of 6 of 6 documents of source reg"));

        Publisher.Outcome back = publisher.publish(both(reg, kserve), PublishOptions.full(true));
        assertTrue(back.held().isEmpty());
        assertEquals(8, storage.held.size());

        publisher.publish(kserve, PublishOptions.full(true));
        publisher.publish(kserve, PublishOptions.delta(true)); // deltas hold but do not count
        Publisher.Outcome second = publisher.publish(kserve, PublishOptions.full(true));
        assertEquals(2, second.held().get("reg").sightings());
        assertEquals(8, storage.held.size());
        Publisher.Outcome third = publisher.publish(kserve, PublishOptions.full(true));
        assertEquals(6, third.removed());
        assertEquals(Set.of("kserve-m0_v1", "kserve-m1_v1"), storage.held.keySet());
        assertTrue(
                third.warnings().get(0).contains("seen in 3 consecutive full syncs"),
                third.warnings().toString());
    }

    @Test
    void theGuardSurvivesANormalizerRestartBecauseStorageKnowsEachDocumentsSource() {
        publisher.publish(both(registry("reg", 6, 100), registry("other", 6, 100)), PublishOptions.full(true));
        publisher = newPublisher();

        Publisher.Outcome o = publisher.publish(registry("other", 6, 100), PublishOptions.full(true));

        assertEquals(0, o.removed());
        assertEquals(Map.of("reg", new RemovalGuard.Held(6, 6, 1, 3)), o.held());
    }

    @Test
    void aFailedKeySetIsReportedAndTriedAgain() {
        publisher.publish(registry("reg", 10, 100), PublishOptions.full(true));
        storage.keySetFails = true;

        Publisher.Outcome o = publisher.publish(registry("reg", 9, 100), PublishOptions.full(true));

        assertEquals(Publisher.KeySet.FAILED, o.keySet());
        assertFalse(o.reachedStorage());
        assertTrue(o.errors().get(0).contains("GOAWAY"), o.errors().toString());
        storage.keySetFails = false;
        o = publisher.publish(registry("reg", 9, 100), PublishOptions.full(true));
        assertEquals(Publisher.KeySet.SENT, o.keySet());
        assertEquals(1, o.removed());
    }
}
