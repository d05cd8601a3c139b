package io.modelcatalogbridge.source.kfmr;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Artifact lists read in earlier cycles, keyed by model version id and that version's
 * {@code lastUpdateTimeSinceEpoch}: a version whose timestamp did not move costs no request on the next read.
 * Thread-safe. Entries of versions no longer seen are dropped by {@link #retainOnly(Set)}.
 */
public final class ArtifactCache {

    private record Entry(String lastUpdate, List<ModelArtifact> artifacts) {}

    private final Map<String, Entry> byVersion = new ConcurrentHashMap<>();

    /** The cached list for this version, when it was read at the same {@code lastUpdateTimeSinceEpoch}. */
    public Optional<List<ModelArtifact>> get(ModelVersion version) {
        Entry e = byVersion.get(version.id());
        String stamp = version.lastUpdateTimeSinceEpoch();
        return e != null && stamp != null && e.lastUpdate().equals(stamp)
                ? Optional.of(e.artifacts())
                : Optional.empty();
    }

    /** Remembers a version's list; a version without a timestamp is not cached (it could never be validated). */
    public void put(ModelVersion version, List<ModelArtifact> artifacts) {
        if (version.lastUpdateTimeSinceEpoch() != null) {
            byVersion.put(version.id(), new Entry(version.lastUpdateTimeSinceEpoch(), List.copyOf(artifacts)));
        }
    }

    /** Forgets every version not in {@code versionIds}. */
    public void retainOnly(Set<String> versionIds) {
        byVersion.keySet().retainAll(versionIds);
    }

    public int size() {
        return byVersion.size();
    }
}
