package io.modelcatalogbridge.source.kfmr;

import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What {@link RegistryReader} reads beyond the four paged lists.
 *
 * @param artifactsFor  the versions whose artifact list is read (one call each); others get no entry in
 *                      {@link RegistryContents#artifactsByVersion()}
 * @param artifactCache earlier artifact lists to reuse for unchanged versions, or {@code null}
 * @param catalogModels whether to fetch the catalog models artifacts point at (only when the client has a catalog)
 */
public record RegistryReadOptions(
        Predicate<ModelVersion> artifactsFor,
        ArtifactCache artifactCache,
        boolean catalogModels) {

    public RegistryReadOptions {
        Objects.requireNonNull(artifactsFor, "artifactsFor");
    }

    /** Artifacts of every version, no cache, catalog models when a catalog is configured. */
    public static RegistryReadOptions defaults() {
        return new RegistryReadOptions(v -> true, null, true);
    }

    /** Reads artifacts only for versions whose id is in {@code versionIds}. */
    public RegistryReadOptions withArtifactsFor(Set<String> versionIds) {
        Set<String> ids = Set.copyOf(versionIds);
        return new RegistryReadOptions(v -> ids.contains(v.id()), artifactCache, catalogModels);
    }

    /** Reads artifacts only for versions accepted by {@code filter} (e.g. live versions of live models). */
    public RegistryReadOptions withArtifactsFor(Predicate<ModelVersion> filter) {
        return new RegistryReadOptions(filter, artifactCache, catalogModels);
    }

    public RegistryReadOptions withArtifactCache(ArtifactCache cache) {
        return new RegistryReadOptions(artifactsFor, cache, catalogModels);
    }

    public RegistryReadOptions withCatalogModels(boolean read) {
        return new RegistryReadOptions(artifactsFor, artifactCache, read);
    }
}
