package io.modelcatalogbridge.serve.location;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.modelcatalogbridge.storageapi.StorageApi;
import io.modelcatalogbridge.storageapi.StorageHttpClient;
import io.modelcatalogbridge.storageapi.StorageWire;
import io.modelcatalogbridge.storageapi.UpsertResult;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StorageLoaderTest {

    /** Storage's read side over a sorted map, counting calls; {@code pages} off acts like the Go bridge's storage. */
    static final class Records implements StorageApi {
        final TreeMap<String, StorageWire.FetchResponse> records = new TreeMap<>();
        boolean pages = true;
        Integer failPage;
        int pageCalls;
        int listCalls;
        int fetchCalls;

        void put(String key, String content) {
            records.put(
                    key,
                    new StorageWire.FetchResponse(
                            Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)),
                            "",
                            "",
                            false,
                            "kubeflow",
                            "1",
                            null,
                            null,
                            null));
        }

        @Override
        public Optional<StorageWire.Documents> documents(String after, int limit) {
            if (!pages) {
                return Optional.empty();
            }
            pageCalls++;
            if (failPage != null && failPage == pageCalls) {
                throw new StorageException("GET /documents answered 503");
            }
            List<StorageWire.Document> out = new ArrayList<>();
            String next = null;
            for (Map.Entry<String, StorageWire.FetchResponse> e :
                    (after == null ? records : records.tailMap(after, false)).entrySet()) {
                if (out.size() == limit) {
                    next = out.get(out.size() - 1).key();
                    break;
                }
                out.add(new StorageWire.Document(e.getKey(), e.getValue()));
            }
            return Optional.of(new StorageWire.Documents(out, next));
        }

        @Override
        public List<String> list() {
            listCalls++;
            return List.copyOf(records.keySet());
        }

        @Override
        public Optional<StorageWire.FetchResponse> fetch(String key) {
            fetchCalls++;
            return Optional.ofNullable(records.get(key));
        }

        @Override
        public UpsertResult upsert(String key, String type, StorageWire.UpsertRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void currentKeySet(Collection<String> keys) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String describe() {
            return "records in memory";
        }
    }

    private final ExecutorService fetchers = Executors.newFixedThreadPool(4);
    private final Records storage = new Records();

    @AfterEach
    void stop() {
        fetchers.shutdownNow();
    }

    @Test
    void readsEverythingInPagesWithoutOneCallPerDocument() {
        for (int i = 0; i < 1234; i++) {
            storage.put("m" + i + "_v1", "{\"i\":" + i + "}");
        }
        StorageLoader.Loaded loaded = new StorageLoader(storage, fetchers, 500).load();

        assertEquals(1234, loaded.documents().size());
        assertEquals(3, storage.pageCalls, "1,234 records in pages of 500");
        assertEquals(0, storage.fetchCalls + storage.listCalls);
        assertEquals(
                "{\"i\":7}",
                new String(
                        loaded.documents().stream()
                                .filter(d -> d.storageKey().equals("m7_v1"))
                                .findFirst()
                                .orElseThrow()
                                .bytes(),
                        StandardCharsets.UTF_8));
    }

    @Test
    void aStorageWithoutPagesIsReadKeyByKey() {
        storage.pages = false;
        storage.put("a_v1", "{}");
        storage.put("b_v1", "{}");
        StorageLoader.Loaded loaded = new StorageLoader(storage, fetchers, 500).load();

        assertEquals(2, loaded.documents().size());
        assertEquals(1, storage.listCalls);
        assertEquals(2, storage.fetchCalls);
    }

    @Test
    void anUnreadableRecordIsReportedAndTheRestLoaded() {
        storage.put("good_v1", "{}");
        storage.put("broken_v1", "{not json");
        StorageLoader.Loaded loaded = new StorageLoader(storage, fetchers, 1).load();

        assertEquals(
                List.of("good_v1"),
                loaded.documents().stream().map(ServedDocument::storageKey).toList());
        assertEquals(Set.of("broken_v1"), loaded.unreadable());
    }

    @Test
    void aFailedPageFailsTheWholeLoad() {
        for (int i = 0; i < 10; i++) {
            storage.put("m" + i + "_v1", "{}");
        }
        storage.failPage = 2;
        assertThrows(StorageApi.StorageException.class, () -> new StorageLoader(storage, fetchers, 4).load());
    }

    /**
     * Over HTTP, from storage's real client: many pages, each decoded as it streams in, give exactly the documents
     * storage holds (bytes, time and card), and a record that is not servable is left out and reported.
     */
    @Test
    void manyPagesOverHttpGiveExactlyTheStoredDocuments() {
        try (StubStorage stub = StubStorage.start()) {
            Map<String, byte[]> stored = new TreeMap<>();
            for (int i = 0; i < 2345; i++) {
                byte[] doc = ("{\"name\":\"m" + i + "\",\"note\":\"" + "ü".repeat(i % 40) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                stored.put("m" + i + "_v1", doc);
                stub.put("m" + i + "_v1", doc, 1_700_000_000_000L + i, i % 2 == 0 ? "src/m" + i : null, "# m" + i);
            }
            stub.put("broken_v1", "{not json".getBytes(StandardCharsets.UTF_8), 1, null, null);
            StorageApi client = new StorageHttpClient(URI.create(stub.url()), Duration.ofSeconds(30), Optional::empty);

            StorageLoader.Loaded loaded = new StorageLoader(client, fetchers, 100).load();

            Map<String, ServedDocument> got = new TreeMap<>();
            loaded.documents().forEach(d -> got.put(d.storageKey(), d));
            assertEquals(stored.keySet(), got.keySet());
            for (Map.Entry<String, byte[]> e : stored.entrySet()) {
                assertArrayEquals(e.getValue(), got.get(e.getKey()).bytes(), e.getKey());
            }
            assertEquals(1_700_000_000_007L, got.get("m7_v1").lastUpdate());
            assertEquals(Optional.empty(), got.get("m7_v1").card());
            assertEquals(
                    "# m8", new String(got.get("m8_v1").card().orElseThrow().markdown(), StandardCharsets.UTF_8));
            assertEquals(Set.of("broken_v1"), loaded.unreadable());
            assertEquals(1, stub.loadAttempts());
            assertEquals(0, stub.fetchCalls());
        }
    }
}
