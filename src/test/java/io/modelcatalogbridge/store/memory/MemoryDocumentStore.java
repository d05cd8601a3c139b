package io.modelcatalogbridge.store.memory;

import io.modelcatalogbridge.store.IndexedDocumentStore;
import io.modelcatalogbridge.store.StoreResult;
import io.modelcatalogbridge.store.StoredDocument;
import java.util.Optional;

/** Keeps records in memory only: nothing survives the process. */
public class MemoryDocumentStore extends IndexedDocumentStore {

    @Override
    public void load() {
        loaded = true;
    }

    @Override
    public synchronized StoreResult upsert(String key, StoredDocument doc) {
        StoredDocument previous = index.put(key, doc);
        if (previous == null) {
            return StoreResult.CREATED;
        }
        return previous.equals(doc) ? StoreResult.UNCHANGED : StoreResult.UPDATED;
    }

    @Override
    public synchronized Optional<StoredDocument> remove(String key) {
        return Optional.ofNullable(index.remove(key));
    }

    @Override
    public String describe() {
        return "memory (" + index.size() + " documents, not persisted)";
    }
}
