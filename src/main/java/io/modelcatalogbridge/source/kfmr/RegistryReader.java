package io.modelcatalogbridge.source.kfmr;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Reads a whole registry into {@link RegistryContents} with a bounded number of calls: one paged list each of
 * registered models, model versions (all of them, not per model), inference services and serving environments;
 * one artifacts call per selected version not found in the cache; one catalog call per distinct catalog model.
 * The read is all-or-nothing: any failed call fails the read, so a partial registry is never mistaken for a
 * complete one.
 */
public final class RegistryReader {

    private static final Logger LOG = Logger.getLogger(RegistryReader.class);

    private final KfmrClient client;

    public RegistryReader(KfmrClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** Everything, with {@link RegistryReadOptions#defaults()}. */
    public RegistryContents read(String registryId) {
        return read(registryId, RegistryReadOptions.defaults());
    }

    public RegistryContents read(String registryId, RegistryReadOptions options) {
        List<RegisteredModel> models = client.listRegisteredModels();
        List<ModelVersion> versions = client.listModelVersions();
        List<InferenceService> services = client.listInferenceServices();
        List<ServingEnvironment> environments = client.listServingEnvironments();
        Map<String, List<ModelArtifact>> artifacts = readArtifacts(versions, options);
        List<CatalogModel> cards = options.catalogModels() && client.catalogApiUrl().isPresent()
                ? readCatalogModels(artifacts) : List.of();
        LOG.debugf("read registry %s: %d models, %d versions, %d artifact lists, %d inference services, "
                + "%d serving environments, %d catalog models", registryId, models.size(), versions.size(),
                artifacts.size(), services.size(), environments.size(), cards.size());
        return new RegistryContents(registryId, models, versions, artifacts, services, environments, cards);
    }

    private Map<String, List<ModelArtifact>> readArtifacts(List<ModelVersion> versions, RegistryReadOptions options) {
        ArtifactCache cache = options.artifactCache();
        Map<String, List<ModelArtifact>> out = new LinkedHashMap<>();
        Set<String> selected = new HashSet<>();
        for (ModelVersion v : versions) {
            if (v.id() == null || !options.artifactsFor().test(v)) {
                continue;
            }
            selected.add(v.id());
            List<ModelArtifact> list = cache == null ? null : cache.get(v).orElse(null);
            if (list == null) {
                list = client.listArtifacts(v.id());
                if (cache != null) {
                    cache.put(v, list);
                }
            }
            out.put(v.id(), list);
        }
        if (cache != null) {
            cache.retainOnly(selected);
        }
        return out;
    }

    private List<CatalogModel> readCatalogModels(Map<String, List<ModelArtifact>> artifacts) {
        Set<CatalogReference> refs = new LinkedHashSet<>();
        artifacts.values().forEach(list -> list.stream().filter(ModelArtifact::isModelArtifact)
                .map(CatalogReference::of).flatMap(java.util.Optional::stream).forEach(refs::add));
        List<CatalogModel> out = new ArrayList<>();
        for (CatalogReference ref : refs) {
            client.getCatalogModel(ref.sourceId(), ref.modelName()).ifPresentOrElse(out::add,
                    () -> LOG.debugf("catalog has no model %s in source %s", ref.modelName(), ref.sourceId()));
        }
        return out;
    }
}
