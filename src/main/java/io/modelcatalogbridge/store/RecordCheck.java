package io.modelcatalogbridge.store;

/**
 * The grammar a record read back from a backend must follow to be loaded. The storage role passes its API's grammar
 * (what storage accepts, location can serve — also for a record someone put into the folder or the ConfigMap by
 * hand); the store does not depend on the API, so the check comes in from outside. A loader skips a record that
 * breaks it, with a WARN.
 */
@FunctionalInterface
public interface RecordCheck {

    /**
     * Checks one loaded record.
     *
     * @throws IllegalArgumentException naming the field and the problem; its message must be safe to log (no raw
     *     control or bidi characters)
     */
    void check(String key, StoredDocument doc);

    /** Takes every record: for tools and tests that write the store themselves. */
    RecordCheck NONE = (key, doc) -> {};
}
