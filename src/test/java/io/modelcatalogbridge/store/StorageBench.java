package io.modelcatalogbridge.store;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelcatalogbridge.store.configmap.ConfigMapDocumentStore;
import io.modelcatalogbridge.store.file.FileDocumentStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test: 10,000 documents of 4 KiB into the File and ConfigMap (mock API server) backends. Run with
 * {@code bench/storage/run.sh}; prints a Markdown table for docs/benchmarks.md.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@EnabledIfSystemProperty(named = "bench", matches = "true")
class StorageBench {

    private static final int DOCS = 10_000;

    @Inject
    KubernetesClient client;

    @Test
    void measure() throws Exception {
        List<String> rows = new ArrayList<>();
        rows.add(
                "| backend | writers | upsert 10,000 × 4 KiB | list 10,000 keys | reload (restart) | objects | largest object |");
        rows.add("|---|---|---|---|---|---|---|");
        for (int writers : new int[] {1, 8}) {
            Path dir = Files.createTempDirectory("bench-file");
            rows.add(run("File", writers, () -> new FileDocumentStore(dir), s -> fileStats(dir)));
        }
        for (int writers : new int[] {1, 8}) {
            String ns = "bench-" + writers;
            Supplier<DocumentStore> cm = () -> new ConfigMapDocumentStore(
                    client,
                    new ConfigMapDocumentStore.Settings(
                            ns, "bac-import-model-shard-", 256, 786_432, "bac-import-model"));
            rows.add(run("ConfigMap (mock API server)", writers, cm, s -> cmStats((ConfigMapDocumentStore) s)));
        }
        System.out.println("\n" + String.join("\n", rows) + "\n");
        Files.writeString(Path.of("target", "bench-storage.md"), String.join("\n", rows) + "\n");
    }

    private String run(String name, int writers, Supplier<DocumentStore> factory, Function<DocumentStore, String> stats)
            throws Exception {
        DocumentStore store = factory.get();
        store.load();
        byte[] doc = new byte[4096];
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<StoreResult>> fs = new ArrayList<>();
        for (int i = 0; i < DOCS; i++) {
            int n = i;
            fs.add(pool.submit(() -> {
                byte[] d = doc.clone();
                d[0] = (byte) n;
                d[1] = (byte) (n >> 8);
                return store.upsert(
                        "model" + n + "_v1",
                        StoredDocument.of(
                                Base64.getEncoder().encodeToString(d), "kubeflow", Integer.toString(n), null, null));
            }));
        }
        for (Future<StoreResult> f : fs) {
            f.get();
        }
        pool.shutdown();
        long upsert = System.nanoTime() - t0;
        t0 = System.nanoTime();
        int listed = store.keys().size();
        SortedMap<String, StoredDocument> all = store.all();
        long list = System.nanoTime() - t0;
        t0 = System.nanoTime();
        DocumentStore again = factory.get();
        again.load();
        long reload = System.nanoTime() - t0;
        if (listed != DOCS || all.size() != DOCS || again.keys().size() != DOCS) {
            throw new IllegalStateException("lost documents");
        }
        return "| " + name + " | " + writers + " | " + ms(upsert) + " | " + ms(list) + " | " + ms(reload) + " | "
                + stats.apply(store) + " |";
    }

    private static String fileStats(Path dir) {
        try (var files = Files.list(dir)) {
            List<Path> all = files.toList();
            long max = 0;
            for (Path p : all) {
                max = Math.max(max, Files.size(p));
            }
            return all.size() + " files | " + max + " B";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cmStats(ConfigMapDocumentStore s) {
        SortedMap<String, Integer> sizes = s.shardSizes();
        return sizes.size() + " ConfigMaps | "
                + sizes.values().stream().mapToInt(Integer::intValue).max().orElse(0) + " B";
    }

    private static String ms(long nanos) {
        return String.format("%,d ms", nanos / 1_000_000);
    }
}
