package io.modelcatalogbridge.source.kfmr;

import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.model.MappingSettings;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The documents of one registry's last mapping, per model version, so that mapping the registry again after a change
 * maps only the versions whose inputs changed. A version's document depends on its registered model, the version, the
 * version's artifacts, the registry's model cards, its deployment and the settings. A document is reused only when
 * the model, version and artifact list are the very objects it was made from (a registry read reuses the objects of
 * unchanged pages and artifact lists, see {@link PageMemo} and {@link ArtifactCache}), the registry id, settings and
 * model cards are the same, its model has no deployed inference service (the deployment join is asked anew), and
 * mapping it reported no problem (a problem may depend on the clock). Not thread-safe: one mapping at a time.
 */
public final class VersionMemo {

    private record Entry(RegisteredModel model, List<ModelArtifact> artifacts, CatalogDocument document) {}

    private Map<ModelVersion, Entry> last = new IdentityHashMap<>();
    private Map<ModelVersion, Entry> next = new IdentityHashMap<>();
    private String registryId;
    private MappingSettings settings;
    private List<CatalogModel> cards;
    private int reused;

    /** Starts a mapping of {@code contents}: nothing is reused when the registry, settings or cards differ. */
    void begin(RegistryContents contents, MappingSettings settings) {
        if (!contents.registryId().equals(registryId)
                || settings != this.settings
                || !Objects.equals(contents.catalogModels(), cards)) {
            last = new IdentityHashMap<>();
        }
        registryId = contents.registryId();
        this.settings = settings;
        cards = contents.catalogModels();
        next = new IdentityHashMap<>();
    }

    /** The document made last time from these very objects, or {@code null}. */
    CatalogDocument reuse(RegisteredModel model, ModelVersion version, List<ModelArtifact> artifacts) {
        Entry e = last.get(version);
        if (e == null || e.model() != model || e.artifacts() != artifacts) {
            return null;
        }
        next.put(version, e);
        reused++;
        return e.document();
    }

    void keep(RegisteredModel model, ModelVersion version, List<ModelArtifact> artifacts, CatalogDocument document) {
        next.put(version, new Entry(model, artifacts, document));
    }

    /** The mapping ended: what it kept is what the next one may reuse. */
    void end() {
        last = next;
        next = new IdentityHashMap<>();
    }

    /** Documents reused so far; for tests. */
    public int reused() {
        return reused;
    }
}
