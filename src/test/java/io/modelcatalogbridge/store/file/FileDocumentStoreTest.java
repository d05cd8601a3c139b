package io.modelcatalogbridge.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.serve.storage.WireRecords;
import io.modelcatalogbridge.store.DocumentCodec;
import io.modelcatalogbridge.store.DocumentStore;
import io.modelcatalogbridge.store.DocumentStoreContractTest;
import io.modelcatalogbridge.store.StoreResult;
import io.modelcatalogbridge.store.StoredDocument;
import io.modelcatalogbridge.testing.CapturedLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDocumentStoreTest extends DocumentStoreContractTest {

    @TempDir
    Path dir;

    @Override
    protected DocumentStore newStore() {
        DocumentStore s = new FileDocumentStore(dir);
        s.load();
        return s;
    }

    @Override
    protected Optional<DocumentStore> reopen() {
        return Optional.of(newStore());
    }

    /** A copy of the directory; restoring deletes the directory and copies the files back (as a restore would). */
    @Override
    protected Optional<Runnable> backup() {
        try {
            Path copy = Files.createTempDirectory(dir.getParent(), "backup");
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.copy(f, copy.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            return Optional.of(() -> {
                try {
                    try (Stream<Path> files = Files.list(dir)) {
                        for (Path f : files.toList()) {
                            Files.delete(f);
                        }
                    }
                    Files.delete(dir);
                    Files.createDirectory(dir);
                    try (Stream<Path> files = Files.list(copy)) {
                        for (Path f : files.toList()) {
                            Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Concurrent writers share directory fsyncs (group commit); every acknowledged write is on disk. */
    @Test
    void concurrentWritesOfManyKeysAllSurviveARestart() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<StoreResult>> acks = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                acks.add(writers.submit(() -> store.upsert("model" + n + "_v1", doc("text " + n, n))));
            }
            for (Future<StoreResult> ack : acks) {
                assertEquals(StoreResult.CREATED, ack.get());
            }
        } finally {
            writers.shutdownNow();
        }
        DocumentStore again = newStore();
        assertEquals(200, again.keys().size());
        for (int i = 0; i < 200; i++) {
            assertEquals(doc("text " + i, i), again.fetch("model" + i + "_v1").orElseThrow());
        }
    }

    @Test
    void theWholeDirectoryDeletedIsSeenAndWritableAgain() throws IOException {
        store.upsert("mnist_v1", doc("a", 1));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
        assertEquals(List.of("mnist_v1"), store.refresh().vanished());
        store.upsert("mnist_v1", doc("a", 2));
        assertEquals(List.of("mnist_v1"), newStore().keys());
    }

    @Test
    void unfinishedWritesAreDiscardedAndForeignBrokenFilesSetAside() throws IOException {
        store.upsert("mnist_v1", doc("a", 1));
        String ours = "." + FileDocumentStore.fileName("mnist_v2") + "." + UUID.randomUUID() + ".tmp";
        Files.writeString(dir.resolve(ours), "{\"key\":\"mnist_v2\",\"rec");
        Files.writeString(dir.resolve("hand-edited.json"), "{not json");
        DocumentStore again = newStore();
        assertEquals(List.of("mnist_v1"), again.keys());
        List<String> names = names();
        assertFalse(names.contains(ours), names.toString());
        assertTrue(names.contains("hand-edited.json.corrupt"), names.toString());
    }

    /**
     * Issue 11: the loader deleted every {@code *.tmp} file in the folder — an operator's backup, another program's
     * work file. Only names of the store's own temporary files ({@code .<file name of a key>.<UUID>.tmp}) go.
     */
    @Test
    void onlyTheStoresOwnTemporaryFilesAreDeleted() throws IOException {
        store.upsert("mnist_v1", doc("a", 1));
        String ours = "." + FileDocumentStore.fileName("mnist_v1") + "." + UUID.randomUUID() + ".tmp";
        List<String> foreign = List.of(
                "backup.tmp",
                "mnist_v1.json.tmp",
                ".mnist_v2-0123.json.1234.tmp",
                "." + FileDocumentStore.fileName("mnist_v1") + ".not-a-uuid.tmp");
        Files.writeString(dir.resolve(ours), "partial");
        for (String f : foreign) {
            Files.writeString(dir.resolve(f), "someone else's");
        }
        assertEquals(List.of("mnist_v1"), newStore().keys());
        List<String> names = names();
        assertFalse(names.contains(ours), "the store's own unfinished write is gone: " + names);
        assertTrue(names.containsAll(foreign), "other files stay: " + names);
        for (String f : foreign) {
            assertEquals("someone else's", Files.readString(dir.resolve(f)), f);
        }
    }

    /**
     * Issue 11: the loader trusted file contents — keys the API refuses, bodies that are not base64, hostile
     * characters — and location then skipped them on every reconcile. With storage's grammar each such file is
     * skipped with one WARN that shows nothing raw, is not loaded again by a refresh, and stays in the folder.
     */
    @Test
    void recordsThatBreakStoragesGrammarAreSkippedWithAWarnThatShowsNothingRaw() throws IOException {
        store.upsert("mnist_v1", doc("a", 1));
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("three-segments.json", entry("a_b_c", base64("{}"), "1"));
        bad.put("not-base64.json", entry("mnist_v2", "@@ not base64 @@", "1"));
        bad.put("bidi-\u202e-name.json", entry("mnist\u202e_v3", base64("{}"), "1"));
        bad.put("bidi-body.json", entry("mnist_v4", base64("{\"name\": \"x\u202ey\u0007\"}"), "1"));
        bad.put("deep.json", entry("mnist_v5", base64("[".repeat(5000) + "]".repeat(5000)), "1"));
        bad.put("truncated.json", entry("mnist_v6", base64("{\"name\": \"x\""), "1"));
        bad.put("bad-time.json", entry("mnist_v7", base64("{}"), "yesterday"));
        for (Map.Entry<String, String> e : bad.entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue());
        }
        try (CapturedLog log = CapturedLog.of(FileDocumentStore.class)) {
            DocumentStore loaded = grammarStore();
            assertEquals(List.of("mnist_v1"), loaded.keys());
            List<String> warnings = log.at("WARN");
            assertEquals(bad.size(), warnings.size(), String.join("\n", warnings));
            for (String w : warnings) {
                assertTrue(w.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "only printable ASCII: " + w);
                assertTrue(w.contains("breaks storage's grammar"), w);
            }
            assertTrue(warnings.stream().anyMatch(w -> w.contains("bidi-\\u202E-name.json")), "escaped name");

            assertTrue(loaded.refresh().appeared().isEmpty(), "a refresh does not load them either");
            assertEquals(bad.size(), log.at("WARN").size(), "nor warn again about the same files");
        }
        assertTrue(names().containsAll(bad.keySet()), "skipped, not deleted: " + names());
    }

    /**
     * Issue 11: of two files holding the same key the loader kept whichever the folder listed last. The record with
     * the newest {@code lastUpdateTimeSinceEpoch} wins, with a WARN, and the key's own file then holds it.
     */
    @Test
    void theNewestOfSeveralFilesHoldingAKeyIsKeptWhateverTheFolderOrder() throws IOException {
        for (int newest = 0; newest < 3; newest++) {
            // The newest record in the key's own file, or in one of two copies (whatever order the folder lists).
            String key = "m" + newest + "_v1";
            long[] times = {5, 5, 5};
            times[newest] = 9;
            times[(newest + 1) % 3] = 1;
            writeEntry(FileDocumentStore.fileName(key), key, doc("t" + times[0], times[0]));
            writeEntry("0-copy-" + key + ".json", key, doc("t" + times[1], times[1]));
            writeEntry("z-copy-" + key + ".json", key, doc("t" + times[2], times[2]));
        }
        try (CapturedLog log = CapturedLog.of(FileDocumentStore.class)) {
            DocumentStore loaded = grammarStore();
            for (int newest = 0; newest < 3; newest++) {
                String key = "m" + newest + "_v1";
                assertEquals(doc("t9", 9), loaded.fetch(key).orElseThrow(), key);
                assertTrue(loaded.refresh().changed().isEmpty(), "the key's own file holds what was kept");
                assertEquals(doc("t9", 9), loaded.fetch(key).orElseThrow(), key + " after a refresh");
            }
            List<String> warnings = log.at("WARN");
            assertEquals(3, warnings.size(), String.join("\n", warnings));
            assertTrue(warnings.get(0).contains("3 files hold key m"), warnings.get(0));
            assertTrue(warnings.get(0).contains("keeping the newest"), warnings.get(0));
        }
        DocumentStore again = grammarStore();
        for (int newest = 0; newest < 3; newest++) {
            assertEquals(doc("t9", 9), again.fetch("m" + newest + "_v1").orElseThrow(), "after a restart");
        }
    }

    /** The store as the storage role builds it: loaders apply storage's API grammar. */
    private DocumentStore grammarStore() {
        DocumentStore s = new FileDocumentStore(dir, WireRecords::checkLoaded);
        s.load();
        return s;
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A file as someone other than the store might write it: the store's format, any content. */
    private static String entry(String key, String body, String lastUpdate) throws IOException {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("body", body);
        record.put("lastUpdateTimeSinceEpoch", lastUpdate);
        return DocumentCodec.mapper().writeValueAsString(Map.of("key", key, "record", record));
    }

    private void writeEntry(String file, String key, StoredDocument d) throws IOException {
        Files.write(
                dir.resolve(file),
                DocumentCodec.mapper().writeValueAsBytes(Map.of("key", key, "record", DocumentCodec.toRecord(d))));
    }

    @Test
    void fileNamesAreSafeAndDistinctForKeysDifferingOnlyInCase() {
        assertFalse(FileDocumentStore.fileName("Mnist_v1").equals(FileDocumentStore.fileName("mnist_v1")));
        assertTrue(FileDocumentStore.fileName("../../etc_passwd").matches("[a-z0-9._-]+\\.json"));
        assertFalse(FileDocumentStore.fileName("../../etc_passwd").startsWith("."));
    }
}
