package io.modelcatalogbridge.store;

import io.modelcatalogbridge.model.EpochMillis;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One stored record: the Go bridge's {@code /fetch} record ({@link PersistedRecord}) plus the optional model
 * card. Strings the Go record always carried are never null (empty instead), so the JSON has Go's shape.
 *
 * @param body                     base64 of the document bytes, exactly as the client sent it
 * @param locationId               id of the Backstage location imported for this document, or empty
 * @param locationTarget           target URL of that location, or empty
 * @param locationIdValid          whether Backstage confirmed the location id
 * @param reconcilerType           the upsert's {@code type} ({@code kubeflow}, {@code kserve}), or empty
 * @param lastUpdateTimeSinceEpoch epoch milliseconds as a string, or empty when the client sent none
 * @param modelCardKey             model-card key, or null
 * @param modelCard                model card markdown, or null
 * @param sourceId                 the source the normalizer read the document from (a registry id or
 *                                 {@code kserve}), or null when the writer did not say (the Go normalizer, records of
 *                                 older versions); lets the normalizer count removals per source
 */
public record StoredDocument(
        String body,
        String locationId,
        String locationTarget,
        boolean locationIdValid,
        String reconcilerType,
        String lastUpdateTimeSinceEpoch,
        String modelCardKey,
        String modelCard,
        String sourceId) {

    public StoredDocument {
        Objects.requireNonNull(body, "body");
        locationId = locationId == null ? "" : locationId;
        locationTarget = locationTarget == null ? "" : locationTarget;
        reconcilerType = reconcilerType == null ? "" : reconcilerType;
        lastUpdateTimeSinceEpoch = lastUpdateTimeSinceEpoch == null ? "" : lastUpdateTimeSinceEpoch.strip();
        sourceId = sourceId == null || sourceId.isBlank() ? null : sourceId;
    }

    /** A fresh record without Backstage location fields. */
    public static StoredDocument of(
            String body, String reconcilerType, String lastUpdate, String modelCardKey, String modelCard) {
        return new StoredDocument(body, "", "", false, reconcilerType, lastUpdate, modelCardKey, modelCard, null);
    }

    /** The same record naming the source it was read from. */
    public StoredDocument withSource(String source) {
        return copy(locationId, locationTarget, locationIdValid, lastUpdateTimeSinceEpoch, source);
    }

    /** The same record with another {@code lastUpdateTimeSinceEpoch}. */
    public StoredDocument withLastUpdate(String lastUpdate) {
        return copy(locationId, locationTarget, locationIdValid, lastUpdate, sourceId);
    }

    /**
     * {@code lastUpdateTimeSinceEpoch} as a number; empty when absent or not written as {@link EpochMillis} allows
     * (such a time never makes another record stale).
     */
    public OptionalLong lastUpdate() {
        return parseEpoch(lastUpdateTimeSinceEpoch);
    }

    /** The same content with the location fields of another record (the Backstage import survives upserts). */
    public StoredDocument withLocationOf(StoredDocument other) {
        return withLocation(other.locationId, other.locationTarget, other.locationIdValid);
    }

    /** The same content with new location fields. */
    public StoredDocument withLocation(String id, String target, boolean valid) {
        return copy(id, target, valid, lastUpdateTimeSinceEpoch, sourceId);
    }

    /** The same content (body, type, model card) with these location fields, time and source. */
    private StoredDocument copy(String id, String target, boolean valid, String lastUpdate, String source) {
        return new StoredDocument(body, id, target, valid, reconcilerType, lastUpdate, modelCardKey, modelCard, source);
    }

    /** Whether the document content (what location serves) differs; location fields do not count. */
    public boolean sameContentAs(StoredDocument other) {
        return other != null
                && body.equals(other.body)
                && Objects.equals(modelCard, other.modelCard)
                && Objects.equals(modelCardKey, other.modelCardKey);
    }

    /** Parses an epoch-milliseconds string by {@link EpochMillis#parseDigits}; empty for anything it refuses. */
    public static OptionalLong parseEpoch(String s) {
        try {
            return OptionalLong.of(EpochMillis.parseDigits(s));
        } catch (EpochMillis.InvalidTimestampException e) {
            return OptionalLong.empty();
        }
    }
}
