package io.modelcatalogbridge.source.kfmr;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Reads a whole registry into {@link RegistryContents} with a bounded number of calls: one paged list each of
 * registered models, model versions (all of them, not per model), inference services and serving environments;
 * one artifacts call per selected version not found in the cache; one catalog call per distinct catalog model.
 * The per-version and per-model calls run side by side, at most {@link KfmrClientSettings#maxConcurrentRequests()}
 * at a time (the client enforces the bound). The read is all-or-nothing: any failed call fails the read, so a
 * partial registry is never mistaken for a complete one.
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
        // The four lists side by side (each is paged, one page after the other): a read waits for the longest list
        // (the versions), not for the sum of all four.
        List<List<?>> lists = inParallel(
                List.<Supplier<List<?>>>of(
                        client::listRegisteredModels,
                        client::listModelVersions,
                        client::listInferenceServices,
                        client::listServingEnvironments),
                Supplier::get);
        @SuppressWarnings("unchecked")
        List<RegisteredModel> models = (List<RegisteredModel>) lists.get(0);
        @SuppressWarnings("unchecked")
        List<ModelVersion> versions = (List<ModelVersion>) lists.get(1);
        @SuppressWarnings("unchecked")
        List<InferenceService> services = (List<InferenceService>) lists.get(2);
        @SuppressWarnings("unchecked")
        List<ServingEnvironment> environments = (List<ServingEnvironment>) lists.get(3);
        Set<String> archivedModels = new HashSet<>();
        if (options.liveOnly()) {
            models.stream().filter(m -> !m.isLive()).forEach(m -> archivedModels.add(m.id()));
        }
        boolean withCards = options.catalogModels() && client.catalogApiUrl().isPresent();
        Partial partial = options.partial() == null
                ? null
                : new Partial(registryId, models, versions, services, environments, withCards, options);
        Map<String, List<ModelArtifact>> artifacts = readArtifacts(versions, options, archivedModels, partial);
        List<CatalogModel> cards = withCards ? readCatalogModels(artifacts, options.catalogCache(), true) : List.of();
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
            List<ModelVersion> versions, RegistryReadOptions options, Set<String> archivedModels, Partial partial) {
        ArtifactCache cache = options.artifactCache();
        Map<String, List<ModelArtifact>> out = new LinkedHashMap<>();
        Set<String> selected = new HashSet<>();
        List<ModelVersion> missing = new ArrayList<>();
        for (ModelVersion v : versions) {
            if (v.id() == null
                    || !options.artifactsFor().test(v)
                    || (options.liveOnly() && (!v.isLive() || archivedModels.contains(v.registeredModelId())))) {
                continue;
            }
            selected.add(v.id());
            List<ModelArtifact> list = cache == null ? null : cache.get(v).orElse(null);
            out.put(v.id(), list);
            if (list == null) {
                missing.add(v);
            }
        }
        int every = partial == null ? missing.size() : options.partial().every();
        if (every < missing.size()) {
            // Versions of one registered model together, so that whole models are read early (a model's documents
            // depend on all its versions: its latest one serves its deployments).
            missing = byModel(missing);
        }
        for (int from = 0; from < missing.size(); from += every) {
            List<ModelVersion> chunk = missing.subList(from, Math.min(missing.size(), from + every));
            List<List<ModelArtifact>> fetched = inParallel(chunk, v -> client.listArtifacts(v.id()));
            for (int i = 0; i < chunk.size(); i++) {
                ModelVersion v = chunk.get(i);
                out.put(v.id(), fetched.get(i));
                if (cache != null) {
                    cache.put(v, fetched.get(i));
                }
            }
            if (from + every < missing.size()) {
                partial.handOver(out, selected);
            }
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
    private List<CatalogModel> readCatalogModels(
            Map<String, List<ModelArtifact>> artifacts, CatalogModelCache cache, boolean retain) {
        Map<CatalogReference, String> refs = new LinkedHashMap<>();
        artifacts
                .values()
                .forEach(list -> list.stream()
                        .filter(ModelArtifact::isModelArtifact)
                        .forEach(a -> CatalogReference.of(a)
                                .ifPresent(ref -> refs.merge(
                                        ref, String.valueOf(a.lastUpdateTimeSinceEpoch()), RegistryReader::newer))));
        List<CatalogModel> out = new ArrayList<>();
        List<Map.Entry<CatalogReference, String>> missing = new ArrayList<>();
        Map<CatalogReference, Optional<CatalogModel>> found = new LinkedHashMap<>();
        for (Map.Entry<CatalogReference, String> e : refs.entrySet()) {
            Optional<CatalogModel> cached =
                    cache == null ? null : cache.get(e.getKey(), e.getValue()).orElse(null);
            found.put(e.getKey(), cached);
            if (cached == null) {
                missing.add(e);
            }
        }
        List<Optional<CatalogModel>> fetched = inParallel(
                missing,
                e -> client.getCatalogModel(e.getKey().sourceId(), e.getKey().modelName()));
        for (int i = 0; i < missing.size(); i++) {
            Map.Entry<CatalogReference, String> e = missing.get(i);
            found.put(e.getKey(), fetched.get(i));
            if (cache != null) {
                cache.put(e.getKey(), e.getValue(), fetched.get(i));
            }
        }
        found.forEach((ref, model) -> model.ifPresentOrElse(
                out::add, () -> LOG.debugf("catalog has no model %s in source %s", ref.modelName(), ref.sourceId())));
        if (cache != null && retain) {
            cache.retainOnly(refs.keySet());
        }
        return out;
    }

    private static List<ModelVersion> byModel(List<ModelVersion> versions) {
        Map<String, List<ModelVersion>> grouped = new LinkedHashMap<>();
        versions.forEach(v -> grouped.computeIfAbsent(String.valueOf(v.registeredModelId()), k -> new ArrayList<>())
                .add(v));
        return grouped.values().stream().flatMap(List::stream).toList();
    }

    /**
     * The contents read so far of a registry whose artifacts are still being read: the registered models all of whose
     * selected versions have their artifacts (with all their versions, and their catalog models), the inference
     * services and serving environments (read in full).
     */
    private final class Partial {
        private final String registryId;
        private final List<RegisteredModel> models;
        private final List<ModelVersion> versions;
        private final List<InferenceService> services;
        private final List<ServingEnvironment> environments;
        private final boolean withCards;
        private final RegistryReadOptions options;

        Partial(
                String registryId,
                List<RegisteredModel> models,
                List<ModelVersion> versions,
                List<InferenceService> services,
                List<ServingEnvironment> environments,
                boolean withCards,
                RegistryReadOptions options) {
            this.registryId = registryId;
            this.models = models;
            this.versions = versions;
            this.services = services;
            this.environments = environments;
            this.withCards = withCards;
            this.options = options;
        }

        void handOver(Map<String, List<ModelArtifact>> artifacts, Set<String> selected) {
            if (withCards && options.catalogCache() == null) {
                return; // without a cache the catalog models would be fetched twice: no partial contents then
            }
            Set<String> incomplete = new HashSet<>();
            for (ModelVersion v : versions) {
                if (selected.contains(v.id()) && artifacts.get(v.id()) == null) {
                    incomplete.add(String.valueOf(v.registeredModelId()));
                }
            }
            List<RegisteredModel> readModels = models.stream()
                    .filter(m -> !incomplete.contains(String.valueOf(m.id())))
                    .toList();
            if (readModels.isEmpty()) {
                return;
            }
            List<ModelVersion> readVersions = versions.stream()
                    .filter(v -> !incomplete.contains(String.valueOf(v.registeredModelId())))
                    .toList();
            Map<String, List<ModelArtifact>> readArtifacts = new LinkedHashMap<>();
            readVersions.forEach(v -> {
                List<ModelArtifact> list = artifacts.get(v.id());
                if (list != null) {
                    readArtifacts.put(v.id(), list);
                }
            });
            // Catalog models through the cache (kept: the whole read asks for them again and finds them there).
            List<CatalogModel> cards =
                    withCards ? readCatalogModels(readArtifacts, options.catalogCache(), false) : List.of();
            options.partial()
                    .to()
                    .accept(new RegistryContents(
                            registryId, readModels, readVersions, readArtifacts, services, environments, cards));
        }
    }

    /**
     * {@code call} for every item, results in item order, with as many threads as the client lets requests through
     * at once. The first failure fails the whole read (after the calls already started have ended).
     */
    private <T, R> List<R> inParallel(List<T> items, Function<T, R> call) {
        int threads = Math.min(items.size(), client.settings().maxConcurrentRequests());
        if (threads <= 1) {
            return items.stream().map(call).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "registry-read");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> results = pool.invokeAll(items.stream()
                    .map(item -> (Callable<R>) () -> call.apply(item))
                    .toList());
            List<R> out = new ArrayList<>(items.size());
            for (Future<R> f : results) {
                out.add(f.get());
            }
            return out;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re
                    ? re
                    : new KfmrException("registry read failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KfmrException("registry read interrupted");
        } finally {
            pool.shutdownNow();
        }
    }

    private static String newer(String a, String b) {
        Long x = KfmrMapperIndex.parseLong(a);
        Long y = KfmrMapperIndex.parseLong(b);
        return x == null ? b : y == null ? a : x >= y ? a : b;
    }
}
