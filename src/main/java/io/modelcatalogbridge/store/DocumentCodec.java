package io.modelcatalogbridge.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * JSON form of stored records, shared by the file and ConfigMap backends: exactly the Go {@code /fetch} record
 * ({@link StorageWire.FetchResponse}), so a Go bridge reading our data (or we reading its) needs no conversion.
 */
public final class DocumentCodec {

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final TypeReference<LinkedHashMap<String, StorageWire.FetchResponse>> MAP = new TypeReference<>() {};

    private DocumentCodec() {}

    public static ObjectMapper mapper() {
        return JSON;
    }

    public static StorageWire.FetchResponse toWire(StoredDocument d) {
        return new StorageWire.FetchResponse(
                d.body(),
                d.locationId(),
                d.locationTarget(),
                d.locationIdValid(),
                d.reconcilerType(),
                d.lastUpdateTimeSinceEpoch(),
                d.modelCardKey(),
                d.modelCard());
    }

    public static StoredDocument fromWire(StorageWire.FetchResponse w) {
        return new StoredDocument(
                w.body() == null ? "" : w.body(),
                w.locationId(),
                w.locationTarget(),
                w.locationIdValid(),
                w.reconcilerType(),
                w.lastUpdateTimeSinceEpoch(),
                w.modelCardKey(),
                w.modelCard());
    }

    public static byte[] encode(StoredDocument d) {
        try {
            return JSON.writeValueAsBytes(toWire(d));
        } catch (IOException e) {
            throw new StoreException("cannot serialise record: " + e.getMessage(), e);
        }
    }

    /** Parses one record. */
    public static StoredDocument decode(byte[] json) throws IOException {
        StorageWire.FetchResponse w = JSON.readValue(json, StorageWire.FetchResponse.class);
        if (w == null) {
            throw new IOException("empty record");
        }
        return fromWire(w);
    }

    /** A JSON object of records keyed by document key, keys sorted (deterministic bytes). */
    public static String encodeMap(Map<String, StoredDocument> docs) {
        Map<String, StorageWire.FetchResponse> wire = new TreeMap<>();
        docs.forEach((k, v) -> wire.put(k, toWire(v)));
        try {
            return JSON.writeValueAsString(wire);
        } catch (IOException e) {
            throw new StoreException("cannot serialise records: " + e.getMessage(), e);
        }
    }

    public static SortedMap<String, StoredDocument> decodeMap(String json) throws IOException {
        SortedMap<String, StoredDocument> out = new TreeMap<>();
        if (json == null || json.isBlank()) {
            return out;
        }
        Map<String, StorageWire.FetchResponse> wire = JSON.readValue(json, MAP);
        if (wire != null) {
            wire.forEach((k, v) -> out.put(k, fromWire(v)));
        }
        return out;
    }
}
