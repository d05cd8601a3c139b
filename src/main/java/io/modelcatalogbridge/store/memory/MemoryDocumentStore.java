package io.modelcatalogbridge.store.memory;

import io.modelcatalogbridge.store.DocumentStore;
import io.modelcatalogbridge.store.StoreResult;
import io.modelcatalogbridge.store.StoredDocument;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** Keeps records in memory only: nothing survives the process. */
public class MemoryDocumentStore implements DocumentStore {

    private final ConcurrentSkipListMap<String, StoredDocument> docs = new ConcurrentSkipListMap<>();
    private volatile boolean loaded;

    @Override
    public void load() {
        loaded = true;
    }

    @Override
    public boolean isLoaded() {
        return loaded;
    }

    @Override
    public Optional<StoredDocument> fetch(String key) {
        return Optional.ofNullable(docs.get(key));
    }

    @Override
    public List<String> keys() {
        return List.copyOf(docs.keySet());
    }

    @Override
    public SortedMap<String, StoredDocument> all() {
        return new TreeMap<>(docs);
    }

    @Override
    public synchronized StoreResult upsert(String key, StoredDocument doc) {
        StoredDocument previous = docs.put(key, doc);
        if (previous == null) {
            return StoreResult.CREATED;
        }
        return previous.equals(doc) ? StoreResult.UNCHANGED : StoreResult.UPDATED;
    }

    @Override
    public synchronized Optional<StoredDocument> remove(String key) {
        return Optional.ofNullable(docs.remove(key));
    }

    @Override
    public String describe() {
        return "memory (" + docs.size() + " documents, not persisted)";
    }
}
