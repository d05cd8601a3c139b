package io.modelcatalogbridge.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.store.DocumentStore;
import io.modelcatalogbridge.store.DocumentStoreContractTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
