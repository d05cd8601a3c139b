package io.modelcatalogbridge.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** JSON form of stored records ({@link PersistedRecord}), shared by the file and ConfigMap backends. */
public final class DocumentCodec {

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final TypeReference<LinkedHashMap<String, PersistedRecord>> MAP = new TypeReference<>() {};

    private DocumentCodec() {}

    public static ObjectMapper mapper() {
        return JSON;
    }

    public static PersistedRecord toRecord(StoredDocument d) {
        return new PersistedRecord(
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

    public static StoredDocument fromRecord(PersistedRecord w) {
        return new StoredDocument(
                w.body() == null ? "" : w.body(),
                w.locationId(),
                w.locationTarget(),
                w.locationIdValid(),
                w.reconcilerType(),
                w.lastUpdateTimeSinceEpoch(),
                w.modelCardKey(),
                w.modelCard(),
                w.sourceId());
    }

    public static byte[] encode(StoredDocument d) {
        try {
            return JSON.writeValueAsBytes(toRecord(d));
        } catch (IOException e) {
            throw new StoreException("cannot serialise record: " + e.getMessage(), e);
        }
    }

    /** Parses one record. */
    public static StoredDocument decode(byte[] json) throws IOException {
        PersistedRecord w = JSON.readValue(json, PersistedRecord.class);
        if (w == null) {
            throw new IOException("empty record");
        }
        return fromRecord(w);
    }

    /** A JSON object of records keyed by document key, keys sorted (deterministic bytes). */
    public static String encodeMap(Map<String, StoredDocument> docs) {
        Map<String, PersistedRecord> records = new TreeMap<>();
        docs.forEach((k, v) -> records.put(k, toRecord(v)));
        try {
            return JSON.writeValueAsString(records);
        } catch (IOException e) {
            throw new StoreException("cannot serialise records: " + e.getMessage(), e);
        }
    }

    public static SortedMap<String, StoredDocument> decodeMap(String json) throws IOException {
        SortedMap<String, StoredDocument> out = new TreeMap<>();
        if (json == null || json.isBlank()) {
            return out;
        }
        Map<String, PersistedRecord> records = JSON.readValue(json, MAP);
        if (records != null) {
            records.forEach((k, v) -> out.put(k, fromRecord(v)));
        }
        return out;
    }
}
