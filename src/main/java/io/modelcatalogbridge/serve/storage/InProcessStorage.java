package io.modelcatalogbridge.serve.storage;

import io.modelcatalogbridge.storageapi.StorageApi;
import io.modelcatalogbridge.storageapi.StorageWire;
import io.modelcatalogbridge.storageapi.UpsertResult;
import io.modelcatalogbridge.store.StoreException;
import io.modelcatalogbridge.store.StoreResult;
import io.modelcatalogbridge.store.StoredDocument;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The storage API without HTTP, for {@code run}: the same service, key rules and results the REST resource uses, so
 * the normalizer and location behave exactly as with separate processes. Results are handed over as typed values,
 * never serialised.
 */
public final class InProcessStorage implements StorageApi {

    private final Supplier<StorageService> service;

    InProcessStorage(Supplier<StorageService> service) {
        this.service = service;
    }

    @Override
    public UpsertResult upsert(String key, String type, StorageWire.UpsertRequest request) {
        try {
            StorageService.Upserted done = service.get().upsert(key, type, request);
            return result(done.result(), done.stored());
        } catch (StoreException | IllegalArgumentException e) {
            throw new StorageException("in-process storage: " + e.getMessage());
        }
    }

    /** The batch as the REST API does it, entry by entry; no size limit in process (nothing crosses a wire). */
    @Override
    public List<EntryAnswer> upsertAll(List<StorageWire.BatchUpsert> entries) {
        try {
            List<EntryAnswer> out = new ArrayList<>(entries.size());
            for (StorageService.BatchItem item : service.get().upsertAll(entries, Long.MAX_VALUE)) {
                out.add(
                        item.done() == null
                                ? EntryAnswer.failed("in-process storage: " + item.problem())
                                : EntryAnswer.of(
                                        result(item.done().result(), item.done().stored())));
            }
            return out;
        } catch (StoreException e) {
            throw new StorageException("in-process storage: " + e.getMessage());
        }
    }

    /** What the REST API's answer tells a client: the outcome, and for a stale refusal the stored time. */
    private static UpsertResult result(StoreResult result, StoredDocument stored) {
        if (result != StoreResult.STALE) {
            return new UpsertResult(UpsertResult.Outcome.valueOf(result.name()), -1);
        }
        OptionalLong storedTime = stored.lastUpdate();
        return storedTime.isPresent() ? UpsertResult.stale(storedTime.getAsLong()) : UpsertResult.ACCEPTED;
    }

    @Override
    public void currentKeySet(Collection<String> keys) {
        try {
            StorageService.Pruned pruned = service.get().retainOnly(new HashSet<>(keys));
            if (!pruned.failures().isEmpty()) {
                throw new StorageException("in-process storage: failed to remove " + pruned.failures());
            }
        } catch (StoreException e) {
            throw new StorageException("in-process storage: " + e.getMessage());
        }
    }

    @Override
    public List<String> list() {
        try {
            return service.get().keys();
        } catch (StoreException e) {
            throw new StorageException("in-process storage: " + e.getMessage());
        }
    }

    @Override
    public Optional<StorageWire.FetchResponse> fetch(String key) {
        try {
            return service.get().fetch(key).map(WireRecords::toWire);
        } catch (StoreException e) {
            throw new StorageException("in-process storage: " + e.getMessage());
        }
    }

    @Override
    public Optional<StorageWire.Documents> documents(String after, int limit) {
        try {
            return Optional.of(WireRecords.documents(service.get().all(), after, limit));
        } catch (StoreException e) {
            throw new StorageException("in-process storage: " + e.getMessage());
        }
    }

    @Override
    public Optional<StorageWire.Digests> digests(String after, int limit) {
        try {
            return Optional.of(service.get().digests(after, limit));
        } catch (StoreException e) {
            throw new StorageException("in-process storage: " + e.getMessage());
        }
    }

    @Override
    public String describe() {
        return "storage in this process";
    }
}
