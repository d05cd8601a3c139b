package io.modelcatalogbridge.source.snapshot;

import io.modelcatalogbridge.source.kfmr.RegistryContents;
import io.modelcatalogbridge.source.kserve.KServeObjects;
import java.util.Objects;

/**
 * One registry as read at one moment (live over HTTP, or replayed from a snapshot directory), plus the KServe
 * objects stored with it.
 */
public record RegistrySnapshot(RegistryContents registry, KServeObjects kserve) {
    public RegistrySnapshot {
        Objects.requireNonNull(registry, "registry");
        kserve = kserve == null ? KServeObjects.empty() : kserve;
    }
}
