package io.modelcatalogbridge.store.memory;

import io.modelcatalogbridge.store.DocumentStore;
import io.modelcatalogbridge.store.DocumentStoreContractTest;
import java.util.Optional;

class MemoryDocumentStoreTest extends DocumentStoreContractTest {

    @Override
    protected DocumentStore newStore() {
        DocumentStore s = new MemoryDocumentStore();
        s.load();
        return s;
    }

    @Override
    protected Optional<DocumentStore> reopen() {
        return Optional.empty();
    }

    @Override
    protected Optional<Runnable> backup() {
        return Optional.empty();
    }
}
