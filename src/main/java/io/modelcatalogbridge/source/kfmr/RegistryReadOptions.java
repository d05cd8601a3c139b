package io.modelcatalogbridge.source.kfmr;

import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What {@link RegistryReader} reads beyond the four paged lists.
 *
 * @param artifactsFor  the versions whose artifact list is read (one call each); others get no entry in
 *                      {@link RegistryContents#artifactsByVersion()}
 * @param artifactCache earlier artifact lists to reuse for unchanged versions, or {@code null}
 * @param catalogModels whether to fetch the catalog models artifacts point at (only when the client has a catalog)
 * @param catalogCache  earlier catalog lookups to reuse while the pointing artifact is unchanged, or {@code null}
 * @param liveOnly      read artifacts only of live versions of live registered models (archived ones are not
 *                      published, so their artifacts are not needed)
 * @param partial       while many artifact lists are read (a first read of a large registry), gets the contents read
 *                      so far: every {@link PartialContents#every()} artifact calls, the registered models all of
 *                      whose versions have been read, with those versions; {@code null}: none
 */
public record RegistryReadOptions(
        Predicate<ModelVersion> artifactsFor,
        ArtifactCache artifactCache,
        boolean catalogModels,
        CatalogModelCache catalogCache,
        boolean liveOnly,
        PartialContents partial) {

    /** Where the contents read so far go, and how often (in artifact calls). */
    public record PartialContents(int every, Consumer<RegistryContents> to) {
        public PartialContents {
            if (every < 1) {
                throw new IllegalArgumentException("partial contents every " + every + " calls");
            }
            Objects.requireNonNull(to, "to");
        }
    }

    public RegistryReadOptions {
        Objects.requireNonNull(artifactsFor, "artifactsFor");
    }

    /** Artifacts of every version, no cache, catalog models when a catalog is configured. */
    public static RegistryReadOptions defaults() {
        return new RegistryReadOptions(v -> true, null, true, null, false, null);
    }

    /** Reads artifacts only for versions whose id is in {@code versionIds}. */
    public RegistryReadOptions withArtifactsFor(Set<String> versionIds) {
        Set<String> ids = Set.copyOf(versionIds);
        return withArtifactsFor(v -> ids.contains(v.id()));
    }

    /** Reads artifacts only for versions accepted by {@code filter} (e.g. live versions of live models). */
    public RegistryReadOptions withArtifactsFor(Predicate<ModelVersion> filter) {
        return new RegistryReadOptions(filter, artifactCache, catalogModels, catalogCache, liveOnly, partial);
    }

    public RegistryReadOptions withArtifactCache(ArtifactCache cache) {
        return new RegistryReadOptions(artifactsFor, cache, catalogModels, catalogCache, liveOnly, partial);
    }

    public RegistryReadOptions withCatalogModels(boolean read) {
        return new RegistryReadOptions(artifactsFor, artifactCache, read, catalogCache, liveOnly, partial);
    }

    public RegistryReadOptions withCatalogCache(CatalogModelCache cache) {
        return new RegistryReadOptions(artifactsFor, artifactCache, catalogModels, cache, liveOnly, partial);
    }

    public RegistryReadOptions withLiveOnly(boolean live) {
        return new RegistryReadOptions(artifactsFor, artifactCache, catalogModels, catalogCache, live, partial);
    }

    /** Hands the contents read so far to {@code partial} while a read makes many artifact calls; {@code null}: never. */
    public RegistryReadOptions withPartialContents(PartialContents partial) {
        return new RegistryReadOptions(artifactsFor, artifactCache, catalogModels, catalogCache, liveOnly, partial);
    }
}
