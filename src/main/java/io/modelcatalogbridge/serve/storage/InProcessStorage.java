package io.modelcatalogbridge.serve.storage;

import io.modelcatalogbridge.store.DocumentCodec;
import io.modelcatalogbridge.store.StorageEndpoint;
import io.modelcatalogbridge.store.StorageKeys;
import io.modelcatalogbridge.store.StorageWire;
import io.modelcatalogbridge.store.StoreException;
import io.modelcatalogbridge.store.StoreResult;
import io.modelcatalogbridge.store.StoredDocument;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The storage API without HTTP, for {@code run}: the same service, key rules and results the REST resource uses, so
 * the normalizer and location behave exactly as with separate processes.
 */
public final class InProcessStorage implements StorageEndpoint {

    private final StorageRole role;

    InProcessStorage(StorageRole role) {
        this.role = role;
    }

    @Override
    public UpsertResult upsert(String key, String type, StorageWire.UpsertRequest request) {
        try {
            String k = StorageKeys.require(key);
            StoredDocument doc = StoredDocument.of(
                    request.body(),
                    type == null ? "" : type.toLowerCase(Locale.ROOT),
                    request.lastUpdateTimeSinceEpoch(),
                    request.modelCardKey(),
                    request.modelCard());
            StorageService.Upserted done = role.service().upsert(k, doc);
            StoreResult r = done.result();
            // The same answer body as the REST API, so the normalizer reads stale refusals the same way.
            String body = DocumentCodec.mapper()
                    .writeValueAsString(new StorageApi.UpsertAnswer(
                            k, r.name().toLowerCase(Locale.ROOT), done.stored().lastUpdateTimeSinceEpoch(), null));
            return new UpsertResult(r == StoreResult.CREATED ? 201 : 200, body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StorageException("in-process storage: " + e.getOriginalMessage());
        } catch (StoreException | IllegalArgumentException e) {
            throw new StorageException("in-process storage: " + e.getMessage());
        }
    }

    @Override
    public void currentKeySet(Collection<String> keys) {
        try {
            StorageService.Pruned pruned = role.service().retainOnly(new HashSet<>(keys));
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
            return role.service().keys();
        } catch (StoreException e) {
            throw new StorageException("in-process storage: " + e.getMessage());
        }
    }

    @Override
    public Optional<StorageWire.FetchResponse> fetch(String key) {
        try {
            return role.service().fetch(key).map(DocumentCodec::toWire);
        } catch (StoreException e) {
            throw new StorageException("in-process storage: " + e.getMessage());
        }
    }

    @Override
    public String describe() {
        return "storage in this process";
    }
}
