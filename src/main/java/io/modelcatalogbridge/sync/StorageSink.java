package io.modelcatalogbridge.sync;

import io.modelcatalogbridge.model.ModelCard;
import io.modelcatalogbridge.storageapi.StorageApi;
import io.modelcatalogbridge.storageapi.StorageWire;
import io.modelcatalogbridge.storageapi.UpsertResult;
import java.util.Base64;
import java.util.Collection;
import java.util.Objects;

/**
 * {@link DocumentSink} over the storage REST API, exactly as the Go normalizer called it:
 * {@code POST /upsert?key=&type=} with {@code {"body": base64, "lastUpdateTimeSinceEpoch", "modelCardKey",
 * "modelCard"}} and {@code POST /currentkeyset?key=k1,k2,…}.
 */
public final class StorageSink implements DocumentSink {

    private final StorageApi client;

    public StorageSink(StorageApi client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public Stored upsert(Outgoing d) {
        StorageWire.UpsertRequest request = new StorageWire.UpsertRequest(
                Base64.getEncoder().encodeToString(d.body()),
                Long.toString(d.lastUpdated()),
                d.modelCard().map(ModelCard::key).orElse(null),
                d.modelCard().map(ModelCard::markdown).orElse(null));
        try {
            UpsertResult result = client.upsert(d.storageKey(), d.kind().wireName(), request);
            return result.stale() ? new Stored(true, result.storedTime()) : Stored.ACCEPTED;
        } catch (StorageApi.StorageException e) {
            throw new SinkException(e.getMessage(), e);
        }
    }

    @Override
    public void currentKeySet(Collection<String> storageKeys) {
        try {
            client.currentKeySet(storageKeys);
        } catch (StorageApi.StorageException e) {
            throw new SinkException(e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "storage at " + client.describe();
    }
}
