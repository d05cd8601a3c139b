package io.modelcatalogbridge.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One document the bridge publishes: its identity, where it came from, the catalog content and an optional model
 * card.
 *
 * @param key          identity, unique across all sources of one sync
 * @param sourceId     the registry id (KFMR) or {@code kserve}
 * @param kind         which kind of source
 * @param lastUpdated  epoch milliseconds of the newest input record (RM, MV, artifacts, deployment) — used to
 *                     refuse stale upserts
 * @param catalog      the content
 * @param modelCard    the model card, when one is known
 */
public record CatalogDocument(
        DocumentKey key,
        String sourceId,
        SourceKind kind,
        long lastUpdated,
        ModelCatalog catalog,
        Optional<ModelCard> modelCard) {

    public CatalogDocument {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(catalog, "catalog");
        modelCard = modelCard == null ? Optional.empty() : modelCard;
    }
}
