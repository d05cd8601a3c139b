package io.modelcatalogbridge.store.memory;

import io.modelcatalogbridge.store.IndexedDocumentStore;
import io.modelcatalogbridge.store.StoreResult;
import io.modelcatalogbridge.store.StoredDocument;
import java.util.Optional;

/** Keeps records in memory only: nothing survives the process. For tests of what sits on top of a store. */
public class MemoryDocumentStore extends IndexedDocumentStore {

    @Override
    protected void loadBackend() {
        // nothing persisted, nothing to read
    }

    @Override
    public synchronized StoreResult upsert(String key, StoredDocument doc) {
        StoredDocument previous = indexed(key);
        indexPut(key, doc);
        if (previous == null) {
            return StoreResult.CREATED;
        }
        return previous.equals(doc) ? StoreResult.UNCHANGED : StoreResult.UPDATED;
    }

    @Override
    public synchronized Optional<StoredDocument> remove(String key) {
        StoredDocument previous = indexed(key);
        indexRemove(key);
        return Optional.ofNullable(previous);
    }

    @Override
    public String describe() {
        return "memory (" + indexSize() + " documents, not persisted)";
    }
}
