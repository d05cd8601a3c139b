package io.modelcatalogbridge.sync;

import java.util.Locale;

/** What a sync does. */
public enum SyncKind {
    /** Every polling interval: rediscover and read every registry, take the KServe view, send the key set. */
    FULL,
    /** After KServe events: re-assemble from cached registry contents, no registry calls. */
    DELTA;

    /** The name in logs and metric tags: {@code full}, {@code delta}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }
}
