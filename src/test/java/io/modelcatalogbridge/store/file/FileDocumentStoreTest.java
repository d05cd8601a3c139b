package io.modelcatalogbridge.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.store.DocumentStore;
import io.modelcatalogbridge.store.DocumentStoreContractTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
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
        Files.writeString(dir.resolve(".mnist_v2-0123.json.1234.tmp"), "{\"key\":\"mnist_v2\",\"rec");
        Files.writeString(dir.resolve("hand-edited.json"), "{not json");
        DocumentStore again = newStore();
        assertEquals(List.of("mnist_v1"), again.keys());
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names =
                    files.map(p -> p.getFileName().toString()).sorted().toList();
            assertFalse(names.stream().anyMatch(n -> n.endsWith(".tmp")), names.toString());
            assertTrue(names.contains("hand-edited.json.corrupt"), names.toString());
        }
    }

    @Test
    void fileNamesAreSafeAndDistinctForKeysDifferingOnlyInCase() {
        assertFalse(FileDocumentStore.fileName("Mnist_v1").equals(FileDocumentStore.fileName("mnist_v1")));
        assertTrue(FileDocumentStore.fileName("../../etc_passwd").matches("[a-z0-9._-]+\\.json"));
        assertFalse(FileDocumentStore.fileName("../../etc_passwd").startsWith("."));
    }
}
