package io.modelcatalogbridge.source.kfmr;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
        Set<String> archivedModels = new HashSet<>();
        if (options.liveOnly()) {
            models.stream().filter(m -> !m.isLive()).forEach(m -> archivedModels.add(m.id()));
        }
        Map<String, List<ModelArtifact>> artifacts = readArtifacts(versions, options, archivedModels);
        List<CatalogModel> cards =
                options.catalogModels() && client.catalogApiUrl().isPresent()
                        ? readCatalogModels(artifacts, options.catalogCache())
                        : List.of();
        LOG.debugf(
                "read registry %s: %d models, %d versions, %d artifact lists, %d inference services, "
                        + "%d serving environments, %d catalog models",
                registryId,
                models.size(),
                versions.size(),
                artifacts.size(),
                services.size(),
                environments.size(),
                cards.size());
        return new RegistryContents(registryId, models, versions, artifacts, services, environments, cards);
    }

    private Map<String, List<ModelArtifact>> readArtifacts(
            List<ModelVersion> versions, RegistryReadOptions options, Set<String> archivedModels) {
        ArtifactCache cache = options.artifactCache();
        Map<String, List<ModelArtifact>> out = new LinkedHashMap<>();
        Set<String> selected = new HashSet<>();
        for (ModelVersion v : versions) {
            if (v.id() == null
                    || !options.artifactsFor().test(v)
                    || (options.liveOnly() && (!v.isLive() || archivedModels.contains(v.registeredModelId())))) {
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

    /**
     * One catalog lookup per distinct referenced model; with a cache, only for references whose artifact changed
     * (stamp = the newest {@code lastUpdateTimeSinceEpoch} of the artifacts pointing at it).
     */
    private List<CatalogModel> readCatalogModels(Map<String, List<ModelArtifact>> artifacts, CatalogModelCache cache) {
        Map<CatalogReference, String> refs = new LinkedHashMap<>();
        artifacts
                .values()
                .forEach(list -> list.stream()
                        .filter(ModelArtifact::isModelArtifact)
                        .forEach(a -> CatalogReference.of(a)
                                .ifPresent(ref -> refs.merge(
                                        ref, String.valueOf(a.lastUpdateTimeSinceEpoch()), RegistryReader::newer))));
        List<CatalogModel> out = new ArrayList<>();
        for (Map.Entry<CatalogReference, String> e : refs.entrySet()) {
            CatalogReference ref = e.getKey();
            Optional<CatalogModel> model =
                    cache == null ? null : cache.get(ref, e.getValue()).orElse(null);
            if (model == null) {
                model = client.getCatalogModel(ref.sourceId(), ref.modelName());
                if (cache != null) {
                    cache.put(ref, e.getValue(), model);
                }
            }
            model.ifPresentOrElse(
                    out::add,
                    () -> LOG.debugf("catalog has no model %s in source %s", ref.modelName(), ref.sourceId()));
        }
        if (cache != null) {
            cache.retainOnly(refs.keySet());
        }
        return out;
    }

    private static String newer(String a, String b) {
        Long x = KfmrMapperIndex.parseLong(a);
        Long y = KfmrMapperIndex.parseLong(b);
        return x == null ? b : y == null ? a : x >= y ? a : b;
    }
}
