package io.modelcatalogbridge.serve.storage;

import io.modelcatalogbridge.store.StoredDocument;
import java.util.Map;

/**
 * Told about every accepted change after it was stored. Listeners must return promptly (queue work, never call out
 * inline) so that a slow or down peer never slows storing.
 */
public interface DocumentListener {

    /**
     * A key was created or its record changed.
     *
     * @param contentChanged whether what location serves changed (body or model card), not only bookkeeping
     */
    void changed(String key, StoredDocument doc, boolean contentChanged);

    /** A key was removed; {@code removed} is its last record. */
    void removed(String key, StoredDocument removed);

    /** The store finished loading: listeners may catch up with what is stored. */
    default void loaded(Map<String, StoredDocument> all) {}

    default void stop() {}
}
