package io.modelcatalogbridge.storageapi;

import java.util.Locale;

/**
 * What storage did with one upsert.
 *
 * @param outcome    created, updated, unchanged, refused as stale, or accepted by a storage that does not say (the Go
 *                   bridge's)
 * @param storedTime for a stale refusal, the {@code lastUpdateTimeSinceEpoch} storage holds for the key; else
 *                   {@code -1}
 */
public record UpsertResult(Outcome outcome, long storedTime) {

    /** Outcome of an upsert, as the {@code result} field of storage's answer names it. */
    public enum Outcome {
        CREATED,
        UPDATED,
        UNCHANGED,
        STALE,
        /** Stored, as far as the caller can tell: the answer did not say more (the Go bridge's storage). */
        ACCEPTED;

        /** The {@code result} field of the answer body. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** An upsert storage accepted without saying more. */
    public static final UpsertResult ACCEPTED = new UpsertResult(Outcome.ACCEPTED, -1);

    /** A refusal: storage holds {@code storedTime}, newer than what was sent. */
    public static UpsertResult stale(long storedTime) {
        return new UpsertResult(Outcome.STALE, storedTime);
    }

    /** Whether storage refused the upsert as older than what it holds. */
    public boolean stale() {
        return outcome == Outcome.STALE;
    }
}
