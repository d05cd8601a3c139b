package io.modelcatalogbridge.serve.storage;

import io.modelcatalogbridge.storageapi.DocumentGrammar;
import io.modelcatalogbridge.storageapi.StorageWire;
import io.modelcatalogbridge.store.StoredDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.BiFunction;

/**
 * Stored records as the storage API answers them ({@code GET /fetch}, {@code GET /documents}, {@code GET /digests}, in
 * process), and the API's grammar applied to records the loaders read back.
 */
public final class WireRecords {
    private WireRecords() {}

    /** The digest-listing entry of a record whose content digest is known. */
    static StorageWire.Digest toDigest(String key, StoredDocument d, String digest) {
        return new StorageWire.Digest(key, digest, d.lastUpdateTimeSinceEpoch(), d.reconcilerType(), d.sourceId());
    }

    /**
     * A record a loader read back (File or ConfigMap store) checked with the API's grammar, as if it were upserted now
     * ({@code store.RecordCheck}).
     *
     * @throws DocumentGrammar.Violation naming the field and the problem, safe to log
     */
    public static void checkLoaded(String key, StoredDocument d) {
        DocumentGrammar.stored(key, toWire(d));
    }

    static StorageWire.FetchResponse toWire(StoredDocument d) {
        return new StorageWire.FetchResponse(
                d.body(),
                d.locationId(),
                d.locationTarget(),
                d.locationIdValid(),
                d.reconcilerType(),
                d.lastUpdateTimeSinceEpoch(),
                d.modelCardKey(),
                d.modelCard(),
                d.sourceId());
    }

    /** {@code GET /documents?after=&limit=}: the records as {@link #page} cuts them. */
    static StorageWire.Documents documents(SortedMap<String, StoredDocument> all, String after, Integer limit) {
        Page<StorageWire.Document> p = page(all, after, limit, (key, d) -> new StorageWire.Document(key, toWire(d)));
        return new StorageWire.Documents(p.items(), p.next());
    }

    /** Entries of one page, and the {@code after} of the next ({@code null} on the last page). */
    record Page<T>(List<T> items, String next) {}

    /**
     * One page of a listing ({@code GET /documents}, {@code GET /digests}): the records after {@code after}
     * (exclusive; from the first when blank) in key order, at most {@code limit} (all when null), each mapped;
     * {@code next} is the last key of the page when more follow.
     */
    static <T> Page<T> page(
            SortedMap<String, StoredDocument> all,
            String after,
            Integer limit,
            BiFunction<String, StoredDocument, T> entry) {
        SortedMap<String, StoredDocument> rest = after == null || after.isEmpty() ? all : all.tailMap(after + "\0");
        List<T> out = new ArrayList<>();
        String last = null;
        for (Map.Entry<String, StoredDocument> e : rest.entrySet()) {
            if (limit != null && out.size() == limit) {
                return new Page<>(out, last);
            }
            out.add(entry.apply(e.getKey(), e.getValue()));
            last = e.getKey();
        }
        return new Page<>(out, null);
    }
}
