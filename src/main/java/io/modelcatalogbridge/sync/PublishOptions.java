package io.modelcatalogbridge.sync;

/**
 * What one publish may do besides sending changed documents.
 *
 * @param complete  every source was read completely, so documents no source has any more may leave storage
 * @param reconcile list what storage holds first and compare with it (full syncs); otherwise compare with what the
 *                  last listing and this process's own sends say storage holds (deltas: cheap, no storage read)
 */
record PublishOptions(boolean complete, boolean reconcile) {

    /** A full sync: compared with what storage actually holds, so whatever happened to storage is repaired. */
    static PublishOptions full(boolean complete) {
        return new PublishOptions(complete, true);
    }

    /** A delta: compared with what storage is known to hold. */
    static PublishOptions delta(boolean complete) {
        return new PublishOptions(complete, false);
    }

    static PublishOptions of(SyncKind kind, boolean complete) {
        return kind == SyncKind.FULL ? full(complete) : delta(complete);
    }
}
