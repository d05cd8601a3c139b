package io.modelcatalogbridge.store;

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
 */
public record StoredDocument(
        String body,
        String locationId,
        String locationTarget,
        boolean locationIdValid,
        String reconcilerType,
        String lastUpdateTimeSinceEpoch,
        String modelCardKey,
        String modelCard) {

    public StoredDocument {
        Objects.requireNonNull(body, "body");
        locationId = locationId == null ? "" : locationId;
        locationTarget = locationTarget == null ? "" : locationTarget;
        reconcilerType = reconcilerType == null ? "" : reconcilerType;
        lastUpdateTimeSinceEpoch = lastUpdateTimeSinceEpoch == null ? "" : lastUpdateTimeSinceEpoch.strip();
    }

    /** A fresh record without Backstage location fields. */
    public static StoredDocument of(
            String body, String reconcilerType, String lastUpdate, String modelCardKey, String modelCard) {
        return new StoredDocument(body, "", "", false, reconcilerType, lastUpdate, modelCardKey, modelCard);
    }

    /** {@code lastUpdateTimeSinceEpoch} as a number; empty when absent or not a number. */
    public OptionalLong lastUpdate() {
        return parseEpoch(lastUpdateTimeSinceEpoch);
    }

    /** The same content with the location fields of another record (the Backstage import survives upserts). */
    public StoredDocument withLocationOf(StoredDocument other) {
        return new StoredDocument(
                body,
                other.locationId,
                other.locationTarget,
                other.locationIdValid,
                reconcilerType,
                lastUpdateTimeSinceEpoch,
                modelCardKey,
                modelCard);
    }

    /** The same content with new location fields. */
    public StoredDocument withLocation(String id, String target, boolean valid) {
        return new StoredDocument(
                body, id, target, valid, reconcilerType, lastUpdateTimeSinceEpoch, modelCardKey, modelCard);
    }

    /** Whether the document content (what location serves) differs; location fields do not count. */
    public boolean sameContentAs(StoredDocument other) {
        return other != null
                && body.equals(other.body)
                && Objects.equals(modelCard, other.modelCard)
                && Objects.equals(modelCardKey, other.modelCardKey);
    }

    /** Parses an epoch-milliseconds string; empty for blank or non-numeric input. */
    public static OptionalLong parseEpoch(String s) {
        if (s == null || s.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(s.strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
