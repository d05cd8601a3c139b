package io.modelcatalogbridge.serve.location;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcatalogbridge.model.DocumentKey;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ReadModelTest {

    private static final Duration GRACE = Duration.ofMinutes(2);

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final ReadModel model = new ReadModel(clock, GRACE);

    @Test
    void upsertListsTheDocumentInBothContractsAndRemoveUnlistsIt() throws IOException {
        assertEquals(ReadModel.Change.CREATED, model.upsert(json("mnist_v1", "{\"models\":[]}")));
        assertEquals(List.of("/mnist/v1/model-catalog.json"), uris(model.goEraList()));
        assertEquals(List.of("mnist/v1"), uris(model.currentList()));

        assertEquals(ReadModel.Change.REMOVED, model.remove("mnist_v1"));
        assertEquals(List.of(), uris(model.goEraList()));
        assertEquals(List.of(), uris(model.currentList()));
        assertEquals(ReadModel.Change.ABSENT, model.remove("mnist_v1"));
    }

    @Test
    void sameContentIsUnchangedAndKeepsTheCachedListBody() {
        model.upsert(json("mnist_v1", "{\"a\":1}"));
        ByteBuf list = model.heldList(false);
        assertEquals(ReadModel.Change.UNCHANGED, model.upsert(json("mnist_v1", "{\"a\":1}")));
        assertSame(list, model.heldList(false));
        assertEquals(ReadModel.Change.UPDATED, model.upsert(json("mnist_v1", "{\"a\":2}")));
        assertEquals("{\"a\":2}", text(model.find("mnist", "v1")));
    }

    @Test
    void listsAreSortedAndTheCurrentContractListsOnlyJsonDocuments() throws IOException {
        model.upsert(json("zeta_v1", "{}"));
        model.upsert(doc("alpha_v2", "models:\n- name: a\n"));
        model.upsert(json("alpha_v1", "{}"));
        assertEquals(
                List.of("/alpha/v1/model-catalog.json", "/alpha/v2/catalog-info.yaml", "/zeta/v1/model-catalog.json"),
                uris(model.goEraList()));
        assertEquals(List.of("alpha/v1", "zeta/v1"), uris(model.currentList()));
    }

    @Test
    void aDocumentThatChangesFormatMovesInBothListsAndARemovalTakesOnlyItsOwnEntries() throws IOException {
        model.upsert(json("alpha_v1", "{}"));
        model.upsert(json("beta_v1", "{}"));
        model.goEraList();
        model.upsert(doc("alpha_v1", "models:\n- name: a\n"));
        assertEquals(List.of("/alpha/v1/catalog-info.yaml", "/beta/v1/model-catalog.json"), uris(model.goEraList()));
        assertEquals(List.of("beta/v1"), uris(model.currentList()));
        model.upsert(json("alpha_v1", "{\"back\":1}"));
        model.remove("beta_v1");
        assertEquals(List.of("/alpha/v1/model-catalog.json"), uris(model.goEraList()));
        assertEquals(List.of("alpha/v1"), uris(model.currentList()));
        ReadModel.ReloadTicket t = model.beginReload();
        model.completeReload(t, List.of(doc("gamma_v1", "kind: Component\n")), Set.of());
        assertEquals(List.of("/gamma/v1/catalog-info.yaml"), uris(model.goEraList()));
        assertEquals(List.of(), uris(model.currentList()));
    }

    @Test
    void removedDocumentStaysFetchableWithItsCardUntilTheGracePeriodEnds() {
        model.upsert(withCard(json("mnist_v1", "{\"v\":1}"), "src/mnist-v1", "# Card"));
        model.remove("mnist_v1");

        clock.advance(GRACE.minusSeconds(1));
        assertEquals("{\"v\":1}", text(model.find("mnist", "v1")));
        assertTrue(model.card("src/mnist-v1").isPresent());

        clock.advance(Duration.ofSeconds(1));
        assertTrue(model.find("mnist", "v1").isEmpty());
        assertTrue(model.card("src/mnist-v1").isEmpty());
    }

    @Test
    void reAddingARemovedDocumentListsItAgain() throws IOException {
        model.upsert(json("mnist_v1", "{\"v\":1}"));
        model.remove("mnist_v1");
        model.upsert(json("mnist_v1", "{\"v\":2}"));
        clock.advance(GRACE.plusSeconds(1));
        assertEquals(List.of("mnist/v1"), uris(model.currentList()));
        assertEquals("{\"v\":2}", text(model.find("mnist", "v1")));
    }

    @Test
    void cardOfAListedDocumentWinsOverTheSameCardKeyOfARemovedOne() {
        model.upsert(withCard(json("a_v1", "{}"), "src/m", "old"));
        model.remove("a_v1");
        model.upsert(withCard(json("b_v1", "{}"), "src/m", "new"));
        clock.advance(GRACE.plusSeconds(1));
        assertEquals("new", new String(model.card("src/m").orElseThrow().markdown(), StandardCharsets.UTF_8));
    }

    @Test
    void reloadReplacesTheListedSetAndTombstonesWhatStorageNoLongerHolds() throws IOException {
        model.upsert(json("gone_v1", "{}"));
        model.upsert(json("kept_v1", "{\"v\":1}"));
        assertFalse(model.loaded());

        ReadModel.ReloadTicket t = model.beginReload();
        ReadModel.ReloadSummary s =
                model.completeReload(t, List.of(json("kept_v1", "{\"v\":2}"), json("new_v1", "{}")), Set.of());

        assertTrue(model.loaded());
        assertEquals(new ReadModel.ReloadSummary(2, 1, 1, 0, 1, 0), s);
        assertEquals(List.of("kept/v1", "new/v1"), uris(model.currentList()));
        assertTrue(model.find("gone", "v1").isPresent(), "removed by reload, still in grace");
    }

    @Test
    void pushesDuringAReloadWinOverWhatTheReloadRead() throws IOException {
        model.upsert(json("pushed_v1", "{\"v\":1}"));
        model.upsert(json("removed_v1", "{}"));
        ReadModel.ReloadTicket t = model.beginReload();
        // The reload read storage before these pushes arrived.
        model.upsert(json("pushed_v1", "{\"v\":2}"));
        model.remove("removed_v1");
        model.upsert(json("fresh_v1", "{}"));
        ReadModel.ReloadSummary s =
                model.completeReload(t, List.of(json("pushed_v1", "{\"v\":1}"), json("removed_v1", "{}")), Set.of());

        assertEquals(3, s.keptFromPushes());
        assertEquals(List.of("fresh/v1", "pushed/v1"), uris(model.currentList()));
        assertEquals("{\"v\":2}", text(model.find("pushed", "v1")));
    }

    @Test
    void unreadableDocumentsKeepTheirPreviousVersion() throws IOException {
        model.upsert(json("broken_v1", "{\"v\":1}"));
        ReadModel.ReloadTicket t = model.beginReload();
        model.completeReload(t, List.of(), Set.of("broken_v1"));
        assertEquals(List.of("broken/v1"), uris(model.currentList()));
    }

    @Test
    void unchangedReloadKeepsTheListBodies() {
        model.completeReload(model.beginReload(), List.of(json("a_v1", "{}")), Set.of());
        ByteBuf before = model.heldList(true);
        ReadModel.ReloadSummary s = model.completeReload(model.beginReload(), List.of(json("a_v1", "{}")), Set.of());
        assertFalse(s.changed());
        assertSame(before, model.heldList(true));
    }

    @Test
    void aChangeAfterAListIsInTheNextListAndPushesInBetweenCostNoList() throws IOException {
        for (int i = 0; i < 1000; i++) {
            model.upsert(json("m" + i + "_v1", "{}"));
        }
        ByteBuf first = model.heldList(true);
        assertEquals(1000, uris(model.currentList()).size());
        assertSame(first, model.heldList(true), "no change, same body");
        model.remove("m5_v1");
        model.upsert(json("extra_v1", "{}"));
        List<String> next = uris(model.currentList());
        assertEquals(1000, next.size());
        assertTrue(next.contains("extra/v1"));
        assertFalse(next.contains("m5/v1"));
        assertEquals(next.stream().sorted().toList(), next, "sorted");
    }

    @Test
    void aCardStaysServedWhileAnotherListedDocumentCarriesItAndLeavesWithItsLastCarrier() {
        model.upsert(withCard(json("a_v1", "{}"), "src/m", "from a"));
        model.upsert(withCard(json("b_v1", "{}"), "src/m", "from b"));
        assertEquals("from b", markdown(model.card("src/m")), "the greatest storage key wins");
        model.remove("b_v1");
        assertEquals("from a", markdown(model.card("src/m")), "a listed carrier wins over a removed one");
        model.upsert(withCard(json("a_v1", "{\"v\":2}"), "src/other", "moved"));
        assertEquals("from b", markdown(model.card("src/m")), "only the removed carrier is left, in grace");
        clock.advance(GRACE.plusSeconds(1));
        assertTrue(model.card("src/m").isEmpty());
        assertEquals("moved", markdown(model.card("src/other")));
    }

    @Test
    void tombstonesOfAMassRemovalExpireWhilePushesGoOn() throws IOException {
        for (int i = 0; i < 500; i++) {
            model.upsert(json("m" + i + "_v1", "{}"));
        }
        model.completeReload(model.beginReload(), List.of(), Set.of());
        assertEquals(List.of(), uris(model.currentList()));
        assertTrue(model.find("m7", "v1").isPresent(), "in grace");
        clock.advance(GRACE.plusSeconds(1));
        model.upsert(json("new_v1", "{}"));
        assertTrue(model.find("m7", "v1").isEmpty());
        assertEquals(List.of("new/v1"), uris(model.currentList()));
    }

    @Test
    void concurrentPushesAllEndUpListed() throws Exception {
        int threads = 4;
        int each = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                    model.upsert(json("t" + thread + "-" + i + "_v1", "{}"));
                    if (i % 50 == 0) {
                        model.currentList();
                    }
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertEquals(threads * each, model.size());
        assertEquals(threads * each, uris(model.currentList()).size());
    }

    @Test
    void aSupersededReloadCannotBeApplied() {
        ReadModel.ReloadTicket old = model.beginReload();
        model.beginReload();
        assertThrows(IllegalStateException.class, () -> model.completeReload(old, List.of(), Set.of()));
    }

    @Test
    void requestSegmentsThatAreNotACanonicalKeyFindNothing() {
        model.upsert(json("mnist_v1", "{}"));
        assertTrue(model.find("mnist", "v1").isPresent());
        assertTrue(model.find("-mnist", "v1").isEmpty());
        assertTrue(model.find("mn ist", "v1").isEmpty());
    }

    @Test
    void listBodiesHaveTheContractShapeEvenWhenEmpty() {
        assertArrayEquals("{\"uris\":[]}".getBytes(StandardCharsets.UTF_8), model.goEraList());
        assertArrayEquals("{\"uris\":[]}".getBytes(StandardCharsets.UTF_8), model.currentList());
    }

    static ServedDocument doc(String storageKey, String content) {
        return ServedDocument.of(
                DocumentKey.parse(storageKey), content.getBytes(StandardCharsets.UTF_8), 1, Optional.empty());
    }

    static ServedDocument json(String storageKey, String content) {
        ServedDocument d = doc(storageKey, content);
        assertEquals(DocumentFormat.JSON, d.format());
        return d;
    }

    static ServedDocument withCard(ServedDocument d, String cardKey, String markdown) {
        return new ServedDocument(
                d.key(), d.bytes(), d.format(), d.lastUpdate(), Optional.of(ServedCard.of(cardKey, markdown)));
    }

    @SuppressWarnings("unchecked")
    static List<String> uris(byte[] listBody) throws IOException {
        return (List<String>) new ObjectMapper().readValue(listBody, Map.class).get("uris");
    }

    private static String markdown(Optional<ServedCard> card) {
        return new String(card.orElseThrow().markdown(), StandardCharsets.UTF_8);
    }

    private static String text(Optional<ServedDocument> d) {
        return new String(d.orElseThrow().bytes(), StandardCharsets.UTF_8);
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
