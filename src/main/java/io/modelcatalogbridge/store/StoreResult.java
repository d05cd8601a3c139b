package io.modelcatalogbridge.store;

/** Outcome of an upsert, acted on by callers instead of status codes. */
public enum StoreResult {
    /** The key was new. */
    CREATED,
    /** The key existed and its record changed. */
    UPDATED,
    /** The record was equal to the stored one; nothing was written. */
    UNCHANGED,
    /** The upsert was older than the stored record ({@code lastUpdateTimeSinceEpoch}) and was ignored. */
    STALE;

    /** Whether the stored state changed. */
    public boolean changed() {
        return this == CREATED || this == UPDATED;
    }
}
