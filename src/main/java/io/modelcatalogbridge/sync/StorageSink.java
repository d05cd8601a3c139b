package io.modelcatalogbridge.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcatalogbridge.model.ModelCard;
import io.modelcatalogbridge.store.StorageEndpoint;
import io.modelcatalogbridge.store.StorageWire;
import java.io.IOException;
import java.util.Base64;
import java.util.Collection;
import java.util.Objects;

/**
 * {@link DocumentSink} over the storage REST API, exactly as the Go normalizer called it:
 * {@code POST /upsert?key=&type=} with {@code {"body": base64, "lastUpdateTimeSinceEpoch", "modelCardKey",
 * "modelCard"}} and {@code POST /currentkeyset?key=k1,k2,…}.
 */
public final class StorageSink implements DocumentSink {

    private static final ObjectMapper ANSWERS = new ObjectMapper();

    private final StorageEndpoint client;

    public StorageSink(StorageEndpoint client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public Stored upsert(Outgoing d) {
        StorageWire.UpsertRequest request = new StorageWire.UpsertRequest(
                Base64.getEncoder().encodeToString(d.body()), Long.toString(d.lastUpdated()),
                d.modelCard().map(ModelCard::key).orElse(null),
                        d.modelCard().map(ModelCard::markdown).orElse(null));
        try {
            return stored(
                    client.upsert(d.storageKey(), d.kind().wireName(), request).body());
        } catch (StorageEndpoint.StorageException e) {
            throw new SinkException(e.getMessage(), e);
        }
    }

    /**
     * Reads storage's answer {@code {"result": "stale", "lastUpdateTimeSinceEpoch": <stored>}}; an answer without
     * those fields (the Go bridge's storage) counts as accepted.
     */
    static Stored stored(String answer) {
        try {
            JsonNode a = ANSWERS.readTree(answer == null ? "" : answer);
            if (a == null || !"stale".equals(a.path("result").asText())) {
                return Stored.ACCEPTED;
            }
            return new Stored(
                    true,
                    Long.parseLong(
                            a.path("lastUpdateTimeSinceEpoch").asText("-1").strip()));
        } catch (IOException | NumberFormatException notOurs) {
            return Stored.ACCEPTED;
        }
    }

    @Override
    public void currentKeySet(Collection<String> storageKeys) {
        try {
            client.currentKeySet(storageKeys);
        } catch (StorageEndpoint.StorageException e) {
            throw new SinkException(e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "storage at " + client.describe();
    }
}
