package io.modelcatalogbridge.serve.storage;

import io.modelcatalogbridge.storageapi.StorageWire;
import io.modelcatalogbridge.store.StoredDocument;

/** Stored records as the storage API answers them ({@code GET /fetch}, {@code GET /documents}, in process). */
final class WireRecords {
    private WireRecords() {}

    static StorageWire.FetchResponse toWire(StoredDocument d) {
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
}
