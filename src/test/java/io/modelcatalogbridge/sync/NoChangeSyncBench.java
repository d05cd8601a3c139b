package io.modelcatalogbridge.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelcatalogbridge.model.MappingSettings;
import io.modelcatalogbridge.render.JsonArrayFormat;
import io.modelcatalogbridge.source.RegistryEndpoint;
import io.modelcatalogbridge.source.kfmr.KfmrClientSettings;
import io.modelcatalogbridge.storageapi.StorageApi;
import io.modelcatalogbridge.storageapi.StorageHttpClient;
import io.modelcatalogbridge.storageapi.StorageWire;
import io.modelcatalogbridge.storageapi.UpsertResult;
import io.modelcatalogbridge.testing.StubModelRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cost of a no-change full sync (not a test: run with {@code bench/no-change-sync.sh}): a stub registry of
 * {@code documents} models with one version each, a real storage role (File store) over HTTP, and the engine's own
 * reader, assembler, renderer and publisher. One first sync fills storage; then each no-change sync reads the
 * registry's paged lists, lists storage's digests ({@code GET /digests}, pages of 1,000) and sends nothing. Prints
 * one line per sync, {@code figure=value} pairs the script records.
 */
public final class NoChangeSyncBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NoChangeSyncBench() {}

    /** {@code <storage url> <documents> <no-change syncs>} */
    public static void main(String[] args) throws Exception {
        URI storageUrl = URI.create(args[0]);
        int documents = Integer.parseInt(args[1]);
        int syncs = Integer.parseInt(args[2]);
        try (StubModelRegistry stub = StubModelRegistry.start(NormalizerSyncBench.contents(documents, 1))) {
            Counting storage = new Counting(new StorageHttpClient(storageUrl, Duration.ofSeconds(60), Optional::empty));
            RegistryReads reads = new RegistryReads(
                    e -> KfmrClientSettings.of(e.url()),
                    Duration.ofHours(1),
                    new NormalizerMetrics(new SimpleMeterRegistry()));
            Publisher publisher = new Publisher(new StorageSink(storage), new JsonArrayFormat(), 4);
            List<RegistryEndpoint> endpoints = List.of(new RegistryEndpoint("bench", stub.url(), "bench"));
            for (int i = 0; i <= syncs; i++) {
                stub.resetRequests();
                storage.reset();
                long start = System.nanoTime();
                var read = reads.readAll(endpoints, Optional.empty(), true);
                var assembly = CatalogAssembler.assemble(
                        List.of(read.get(0).contents().orElseThrow()), List.of(), MappingSettings.defaults());
                Publisher.Outcome o = publisher.publish(assembly.documents(), PublishOptions.full(true));
                long micros = (System.nanoTime() - start) / 1_000;
                if (!o.reachedStorage() || assembly.documents().size() != documents) {
                    throw new IllegalStateException("sync failed: " + o.errors());
                }
                if (i == 0) {
                    long bytes = digestBytes(storageUrl);
                    System.out.printf("first sync: %d documents upserted%n", o.upserted());
                    continue;
                }
                if (o.upserted() != 0 || o.unchanged() != documents || storage.other.get() != 0) {
                    throw new IllegalStateException("not a no-change sync: upserted " + o.upserted() + ", unchanged "
                            + o.unchanged() + ", other storage calls " + storage.other.get());
                }
                long bytes = digestBytes(storageUrl);
                System.out.printf(
                        "measured no-change sync, ms=%.1f|… of which listing storage (GET /digests pages), ms=%.1f"
                                + "|registry list calls (page size 100)=%d|GET /digests calls (pages of 1,000)=%d"
                                + "|GET /digests bytes=%d|GET /digests bytes per document=%.1f"
                                + "|other storage calls (upserts, key sets)=%d%n",
                        micros / 1000.0,
                        storage.digestNanos.get() / 1e6,
                        stub.requests().size(),
                        storage.digestCalls.get(),
                        bytes,
                        bytes / (double) documents,
                        storage.other.get());
            }
        }
    }

    /**
     * What one listing costs on the wire: the bodies of the {@code GET /digests} pages the normalizer reads, read
     * again the same way (after the sync, outside its time).
     */
    private static long digestBytes(URI storage) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long bytes = 0;
        String after = null;
        do {
            String q = "?limit=" + StorageSink.DIGEST_PAGE + (after == null ? "" : "&after=" + after);
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(storage + "/digests" + q)).build(),
                    HttpResponse.BodyHandlers.ofString());
            bytes += r.body().getBytes(StandardCharsets.UTF_8).length;
            after = JSON.readValue(r.body(), StorageWire.Digests.class).next();
        } while (after != null);
        return bytes;
    }

    /** Storage's API, counting the calls the normalizer makes. */
    private static final class Counting implements StorageApi {
        private final StorageApi api;
        final AtomicLong digestCalls = new AtomicLong();
        final AtomicLong digestNanos = new AtomicLong();
        final AtomicLong other = new AtomicLong();

        Counting(StorageApi api) {
            this.api = api;
        }

        void reset() {
            digestCalls.set(0);
            digestNanos.set(0);
            other.set(0);
        }

        @Override
        public Optional<StorageWire.Digests> digests(String after, int limit) {
            long start = System.nanoTime();
            try {
                digestCalls.incrementAndGet();
                return api.digests(after, limit);
            } finally {
                digestNanos.addAndGet(System.nanoTime() - start);
            }
        }

        @Override
        public UpsertResult upsert(String key, String type, StorageWire.UpsertRequest request) {
            other.incrementAndGet();
            return api.upsert(key, type, request);
        }

        @Override
        public void currentKeySet(Collection<String> keys) {
            other.incrementAndGet();
            api.currentKeySet(keys);
        }

        @Override
        public List<String> list() {
            other.incrementAndGet();
            return api.list();
        }

        @Override
        public Optional<StorageWire.FetchResponse> fetch(String key) {
            other.incrementAndGet();
            return api.fetch(key);
        }

        @Override
        public Optional<StorageWire.Documents> documents(String after, int limit) {
            other.incrementAndGet();
            return api.documents(after, limit);
        }

        @Override
        public String describe() {
            return api.describe();
        }
    }
}
