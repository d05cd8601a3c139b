package io.modelcatalogbridge.sync;

import io.modelcatalogbridge.bench.BenchAdmin;
import io.modelcatalogbridge.model.DocumentKey;
import io.modelcatalogbridge.source.kfmr.ModelArtifact;
import io.modelcatalogbridge.source.kfmr.ModelVersion;
import io.modelcatalogbridge.source.kfmr.RegistryContents;
import io.modelcatalogbridge.testing.StubModelRegistry;
import io.modelcatalogbridge.testing.StubModelRegistry.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A Kubeflow Model Registry for bench processes: R registered models × V versions (one artifact each) served with
 * the real paged API by {@link StubModelRegistry}, every request answered after a fixed latency. A control port
 * lets the bench script change it and read what it was asked:
 * <ul>
 *   <li>{@code /add-version?model=<i>} adds a version to model {@code i}; answers its storage key;</li>
 *   <li>{@code /requests} answers {@code lists=<n> artifacts=<n> other=<n>} (page calls of the list endpoints,
 *       per-version artifact calls, anything else) since the last {@code /reset};</li>
 *   <li>{@code /sync-start?after=<epoch ms>} answers when the first sync that began after that time began (its
 *       first page of registered models), or {@code 0} while none has;</li>
 *   <li>{@code /reset} forgets the requests so far.</li>
 * </ul>
 * Arguments: {@code <state file> <models> <versions> <latency ms>}; the file gets {@code url=} and {@code admin=}.
 */
public final class RegistrySimulator {

    private RegistrySimulator() {}

    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]).toAbsolutePath();
        int models = Integer.parseInt(args[1]);
        int versions = Integer.parseInt(args[2]);
        long latency = Long.parseLong(args[3]);
        StubModelRegistry registry = StubModelRegistry.start(NormalizerSyncBench.contents(models, versions));
        if (latency > 0) {
            registry.faults().delay("/*", Duration.ofMillis(latency));
        }
        AtomicInteger nextId = new AtomicInteger(models * (versions + 1) + 1);
        Map<String, Function<Map<String, String>, String>> commands = new LinkedHashMap<>();
        commands.put("add-version", q -> addVersion(registry, Integer.parseInt(q.get("model")), nextId));
        commands.put("requests", q -> requests(registry.requests()));
        commands.put("sync-start", q -> Long.toString(syncStart(registry.requests(), Long.parseLong(q.get("after")))));
        commands.put("reset", q -> {
            registry.resetRequests();
            return "ok";
        });
        BenchAdmin admin = BenchAdmin.start(commands);
        BenchAdmin.publishAndWait(state, Map.of("url", registry.url(), "admin", admin.url()));
    }

    /** A new version of registered model {@code model-<i>}, with one artifact, as a registry user would add it. */
    private static String addVersion(StubModelRegistry registry, int model, AtomicInteger nextId) {
        String[] key = new String[1];
        registry.mutate(c -> {
            String modelId = c.registeredModels().stream()
                    .filter(m -> m.name().equals("model-" + model))
                    .findFirst()
                    .orElseThrow()
                    .id();
            long count = c.modelVersions().stream()
                    .filter(v -> v.registeredModelId().equals(modelId))
                    .count();
            String name = "v" + count;
            String versionId = Integer.toString(nextId.getAndIncrement());
            long now = System.currentTimeMillis();
            List<ModelVersion> versions = new ArrayList<>(c.modelVersions());
            versions.add(NormalizerFixtures.version(versionId, modelId, name, now));
            Map<String, List<ModelArtifact>> artifacts = new HashMap<>(c.artifactsByVersion());
            artifacts.put(
                    versionId,
                    List.of(NormalizerFixtures.artifact(
                            Integer.toString(nextId.getAndIncrement()), "model-" + model + "-" + name, now)));
            key[0] = DocumentKey.of("model-" + model, name).storageKey();
            return new RegistryContents(
                    c.registryId(),
                    c.registeredModels(),
                    versions,
                    artifacts,
                    c.inferenceServices(),
                    c.servingEnvironments(),
                    c.catalogModels());
        });
        return key[0];
    }

    private static String requests(List<RecordedRequest> requests) {
        long artifacts = requests.stream()
                .filter(r -> r.path().matches("/model_versions/[^/]+/artifacts"))
                .count();
        long lists = requests.stream()
                .filter(r -> List.of(
                                "/registered_models", "/model_versions", "/inference_services", "/serving_environments")
                        .contains(r.path()))
                .count();
        return "lists=" + lists + " artifacts=" + artifacts + " other=" + (requests.size() - lists - artifacts);
    }

    private static long syncStart(List<RecordedRequest> requests, long after) {
        return requests.stream()
                .filter(r -> r.atMillis() >= after
                        && r.path().equals("/registered_models")
                        && !r.query().containsKey("nextPageToken"))
                .mapToLong(RecordedRequest::atMillis)
                .min()
                .orElse(0);
    }
}
