package io.modelcatalogbridge.serve.storage;

import io.modelcatalogbridge.store.StoredDocument;
import java.util.Optional;

/** What the Backstage push reads and writes in storage: the current record, and the location it imported for it. */
interface LocationBook {

    Optional<StoredDocument> current(String key);

    /** Records the Backstage location of a key without touching its content (no forward, no push). */
    void recordLocation(String key, String locationId, String target, boolean valid);
}
