package io.modelcatalogbridge.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every DocumentStore backend must do; one subclass per backend. */
public abstract class DocumentStoreContractTest {

    protected DocumentStore store;

    /** A new, loaded store over fresh, empty backing storage. */
    protected abstract DocumentStore newStore();

    /** A second, loaded store over the same backing storage (a restart); empty when the backend keeps nothing. */
    protected abstract Optional<DocumentStore> reopen();

    /**
     * What the backing storage holds now, as a backup: running the answer restores it, replacing whatever is there
     * then (files / shards written since are removed). Empty when the backend keeps nothing outside the store.
     */
    protected abstract Optional<Runnable> backup();

    @BeforeEach
    void setUpStore() {
        store = newStore();
    }

    protected static StoredDocument doc(String text, long lastUpdate) {
        return StoredDocument.of(
                Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)),
                "kubeflow",
                Long.toString(lastUpdate),
                null,
                null);
    }

    @Test
    void createUpdateUnchanged() {
        assertEquals(StoreResult.CREATED, store.upsert("mnist_v1", doc("a", 1)));
        assertEquals(StoreResult.UNCHANGED, store.upsert("mnist_v1", doc("a", 1)));
        assertEquals(StoreResult.UPDATED, store.upsert("mnist_v1", doc("b", 2)));
        assertEquals(doc("b", 2), store.fetch("mnist_v1").orElseThrow());
    }

    @Test
    void keysAreSortedAndAllMatches() {
        store.upsert("zeta_v1", doc("z", 1));
        store.upsert("alpha_v2", doc("a", 1));
        store.upsert("-my-20model_v1", doc("m", 1));
        assertEquals(List.of("-my-20model_v1", "alpha_v2", "zeta_v1"), store.keys());
        assertEquals(store.keys(), List.copyOf(store.all().keySet()));
        assertEquals(doc("m", 1), store.all().get("-my-20model_v1"));
    }

    @Test
    void removeAnswersTheRemovedRecord() {
        store.upsert("mnist_v1", doc("a", 1));
        assertEquals(Optional.of(doc("a", 1)), store.remove("mnist_v1"));
        assertEquals(Optional.empty(), store.remove("mnist_v1"));
        assertTrue(store.fetch("mnist_v1").isEmpty());
        assertTrue(store.keys().isEmpty());
    }

    @Test
    void locationFieldsAndModelCardAreKept() {
        StoredDocument d = new StoredDocument(
                "YQ==", "loc-1", "http://x/a/b/model-catalog.json", true, "kserve", "5", "src/model", "# card", "reg");
        store.upsert("a_b", d);
        assertEquals(d, store.fetch("a_b").orElseThrow());
    }

    @Test
    void everythingSurvivesARestart() {
        store.upsert("mnist_v1", doc("a", 1));
        store.upsert("mnist_v2", doc("b", 2));
        store.upsert("gone_v1", doc("c", 3));
        store.remove("gone_v1");
        Optional<DocumentStore> again = reopen();
        assumeTrue(again.isPresent(), "this backend keeps nothing across a restart");
        DocumentStore s = again.get();
        assertTrue(s.isLoaded());
        assertEquals(List.of("mnist_v1", "mnist_v2"), s.keys());
        assertEquals(doc("b", 2), s.fetch("mnist_v2").orElseThrow());
        assertFalse(s.fetch("gone_v1").isPresent());
    }

    @Test
    void refreshSeesRecordsDeletedBehindTheStoresBack() {
        Optional<Runnable> empty = backup();
        assumeTrue(empty.isPresent(), "this backend keeps nothing outside the store");
        store.upsert("mnist_v1", doc("a", 1));
        store.upsert("mnist_v2", doc("b", 2));
        assertTrue(store.refresh().none(), "nothing changed behind its back yet");

        empty.get().run(); // the folder wiped, the shards deleted

        StoreDrift drift = store.refresh();
        assertEquals(
                List.of("mnist_v1", "mnist_v2"),
                drift.vanished().stream().sorted().toList());
        assertEquals(List.of(), store.keys());
        assertEquals(StoreResult.CREATED, store.upsert("mnist_v1", doc("a", 3)), "writable again");
        assertEquals(List.of("mnist_v1"), reopen().orElseThrow().keys());
    }

    @Test
    void refreshSeesABackupRestored() {
        assumeTrue(backup().isPresent(), "this backend keeps nothing outside the store");
        store.upsert("mnist_v1", doc("old", 1));
        store.upsert("kept_v1", doc("same", 1));
        Runnable restore = backup().orElseThrow();
        store.upsert("mnist_v1", doc("new", 2));
        store.upsert("later_v1", doc("c", 3));

        restore.run();

        StoreDrift drift = store.refresh();
        assertEquals(List.of("mnist_v1"), drift.changed());
        assertEquals(List.of("later_v1"), drift.vanished());
        assertEquals(doc("old", 1), store.fetch("mnist_v1").orElseThrow(), "the index serves what the backend holds");
        assertEquals(List.of("kept_v1", "mnist_v1"), store.keys());
        assertTrue(store.refresh().none(), "a second refresh finds nothing new");
    }
}
