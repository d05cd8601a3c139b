package io.modelcatalogbridge.bench;

import io.modelcatalogbridge.storageapi.StorageWire;
import io.modelcatalogbridge.store.StoredDocument;
import io.modelcatalogbridge.store.file.FileDocumentStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fills a File-store directory with N documents (what the storage role holds after N upserts), written through the
 * real {@link FileDocumentStore} by 8 writers, so a benchmark can start storage with N documents at once.
 *
 * <p>Arguments: {@code <directory> [documents=10000]}.
 */
public final class PopulateFileStore {

    private PopulateFileStore() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        BenchDocuments docs = new BenchDocuments();
        FileDocumentStore store = new FileDocumentStore(dir);
        store.load();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<?>> pending = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            pending.add(writers.submit(() -> {
                StorageWire.UpsertRequest r = docs.upsert(k, 0);
                store.upsert(
                        BenchDocuments.key(k).storageKey(),
                        StoredDocument.of(
                                r.body(), "kubeflow", r.lastUpdateTimeSinceEpoch(), r.modelCardKey(), r.modelCard()));
            }));
        }
        for (Future<?> f : pending) {
            f.get();
        }
        writers.shutdown();
        System.out.println("stored " + store.keys().size() + " documents in " + dir);
    }
}
