package io.modelcatalogbridge.sync;

/**
 * What one publish may do besides sending changed documents.
 *
 * @param complete         every source was read completely, so the key set may prune storage
 * @param alwaysSendKeySet send the key set even when it did not change since the last one
 */
record PublishOptions(boolean complete, boolean alwaysSendKeySet) {

    /** A full sync: the key set goes out on complete data even when unchanged (storage may have drifted). */
    static PublishOptions full(boolean complete) {
        return new PublishOptions(complete, true);
    }

    /** A delta: the key set goes out on complete data only when it changed. */
    static PublishOptions delta(boolean complete) {
        return new PublishOptions(complete, false);
    }

    static PublishOptions of(SyncKind kind, boolean complete) {
        return kind == SyncKind.FULL ? full(complete) : delta(complete);
    }
}
