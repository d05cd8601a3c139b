package io.modelcatalogbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcatalogbridge.e2e.BackstageBackend;
import io.modelcatalogbridge.e2e.BridgeRun;
import io.modelcatalogbridge.e2e.CatalogCheck;
import io.modelcatalogbridge.e2e.ChildProcess;
import io.modelcatalogbridge.e2e.GeneratedRegistry;
import io.modelcatalogbridge.model.Names;
import io.modelcatalogbridge.serve.location.contract.v1.V1ContractResource;
import io.modelcatalogbridge.source.kfmr.InferenceService;
import io.modelcatalogbridge.source.kfmr.ModelVersion;
import io.modelcatalogbridge.source.kfmr.RegisteredModel;
import io.modelcatalogbridge.source.kfmr.RegistryContents;
import io.modelcatalogbridge.testing.StubModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Registry change → entity changed or removed in a real Backstage, end to end: a stub registry, one {@code run}
 * process per path, and the Backstage backend of the E2E tests.
 *
 * <ul>
 *   <li>{@code module}: {@code model-catalog.json} read by RHDH's model-catalog module 1.1.0 on its schedule; the
 *       entity is the {@code AiModelServerAPI};
 *   <li>{@code push}: {@code catalog-info.yaml} imported as a {@code url} location by storage ({@code
 *       PUSH_TO_RHDH}), which asks Backstage to refresh it when it changes; the entity is the {@code Component}.
 * </ul>
 *
 * <p>Each run edits one deployed version's description (the change) or archives one registered model (the
 * removal), starts the clock right after the registry answers with the new state, and polls Backstage's catalog API
 * every 100 ms until the entity shows it. Run with {@code bench/change-latency.sh}.
 *
 * <p>Arguments: {@code [runs=5] [POLLING_INTERVAL=10s] [module schedule seconds=5]}.
 */
public final class ChangeLatencyBench {

    private static final String PROVIDER = "bench-latency";

    private ChangeLatencyBench() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String polling = args.length > 1 ? args[1] : "10s";
        int schedule = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path work = Path.of("target", "bench-change-latency").toAbsolutePath();
        Files.createDirectories(work.resolve("home"));
        BackstageBackend.ensureInstalled();

        // Enough deployed models for one change and one removal per run (every 7th has no URL, see the generator).
        int models = 2 * runs + 2 * runs / 6 + 2;
        RegistryContents contents = GeneratedRegistry.contents("bench", "bm", models, 1);
        List<RegisteredModel> served = contents.registeredModels().stream()
                .filter(rm -> serverName(contents, rm) != null)
                .toList();
        List<AutoCloseable> started = new ArrayList<>();
        try {
            StubModelRegistry registry = StubModelRegistry.start(contents);
            started.add(registry);
            int moduleLocation = ChildProcess.freePort();
            int pushLocation = ChildProcess.freePort();
            String extra = """
                    backend:
                      reading:
                        allow:
                          - host: 127.0.0.1:%d
                    catalog:
                      rules:
                        - allow: [Component, API, Resource, Location]
                      providers:
                        modelCatalog:
                          %s:
                            schedule: { frequency: { seconds: %d }, timeout: { seconds: 30 }, scope: local }
                    """.formatted(pushLocation, PROVIDER, schedule);
            BackstageBackend backstage = BackstageBackend.start(
                    PROVIDER,
                    "http://127.0.0.1:" + moduleLocation + V1ContractResource.BASE_PATH,
                    "bench-latency-backstage",
                    extra);
            started.add(backstage);
            BridgeRun module = BridgeRun.start(
                    "bench-latency-module",
                    moduleLocation,
                    work,
                    Map.of("MODEL_REGISTRY_URLS", "bench=" + registry.url(), "POLLING_INTERVAL", polling));
            started.add(module);
            BridgeRun push = BridgeRun.start(
                    "bench-latency-push",
                    pushLocation,
                    work,
                    Map.of(
                            "MODEL_REGISTRY_URLS",
                            "bench=" + registry.url(),
                            "POLLING_INTERVAL",
                            polling,
                            "NORMALIZER_FORMAT",
                            "CatalogInfoYamlFormat",
                            "PUSH_TO_RHDH",
                            "true",
                            "BKSTG_URL",
                            backstage.url(),
                            "RHDH_TOKEN",
                            BackstageBackend.CATALOG_TOKEN,
                            "BRIDGE_BACKSTAGE_LOCATION_TYPE",
                            "url"));
            started.add(push);
            module.awaitReady();
            push.awaitReady();
            CatalogCheck catalog = new CatalogCheck(backstage.url());
            for (RegisteredModel rm : served) {
                String name = serverName(contents, rm);
                awaitTrue(() -> entity(catalog, "AiModelServerAPI", name) != null
                        && entity(catalog, "Component", name) != null);
            }
            System.out.printf(
                    Locale.ROOT,
                    "%d deployed models in Backstage through both paths; POLLING_INTERVAL=%s, module schedule %d s%n",
                    served.size(),
                    polling,
                    schedule);

            List<String> rows = new ArrayList<>();
            long[][] change = new long[2][runs];
            long[][] removal = new long[2][runs];
            for (int i = 0; i < runs; i++) {
                RegisteredModel rm = served.get(i);
                String name = serverName(contents, rm);
                String text = "Edited description " + i + " " + System.nanoTime();
                ModelVersion mv = version(contents, rm);
                registry.mutate(GeneratedRegistry.describeVersion(mv.id(), text));
                long[] t = measure(
                        catalog,
                        e -> e != null
                                && e.path("metadata")
                                        .path("description")
                                        .asText()
                                        .contains(text),
                        name);
                change[0][i] = t[0];
                change[1][i] = t[1];
                rows.add(String.format(Locale.ROOT, "change  %d: module %6d ms   push %6d ms", i, t[0], t[1]));
            }
            for (int i = 0; i < runs; i++) {
                RegisteredModel rm = served.get(runs + i);
                String name = serverName(contents, rm);
                registry.archiveRegisteredModel(rm.id());
                long[] t = measure(catalog, e -> e == null, name);
                removal[0][i] = t[0];
                removal[1][i] = t[1];
                rows.add(String.format(Locale.ROOT, "removal %d: module %6d ms   push %6d ms", i, t[0], t[1]));
            }
            rows.add(summary("change  module", change[0]));
            rows.add(summary("change  push  ", change[1]));
            rows.add(summary("removal module", removal[0]));
            rows.add(summary("removal push  ", removal[1]));
            rows.forEach(System.out::println);
            Files.writeString(
                    Path.of("target", "bench-change-latency.txt"),
                    "POLLING_INTERVAL=" + polling + ", module schedule " + schedule + " s, runs " + runs + "\n"
                            + String.join("\n", rows) + "\n",
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
        }
    }

    /** Milliseconds until the module's and the push path's entity satisfy {@code done}, from now. */
    private static long[] measure(CatalogCheck catalog, Predicate<JsonNode> done, String name) throws Exception {
        long start = System.nanoTime();
        long module = -1;
        long push = -1;
        while (module < 0 || push < 0) {
            if (System.nanoTime() - start > 600_000_000_000L) {
                throw new IllegalStateException("no change in Backstage within 10 minutes for " + name);
            }
            if (module < 0 && done.test(entity(catalog, "AiModelServerAPI", name))) {
                module = (System.nanoTime() - start) / 1_000_000;
            }
            if (push < 0 && done.test(entity(catalog, "Component", name))) {
                push = (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(100);
        }
        return new long[] {module, push};
    }

    private static JsonNode entity(CatalogCheck catalog, String kind, String name) {
        return catalog.entities(kind).get(kind.toLowerCase(Locale.ROOT) + ":default/" + name.toLowerCase(Locale.ROOT));
    }

    private static String summary(String what, long[] ms) {
        long[] s = ms.clone();
        Arrays.sort(s);
        long median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        return String.format(
                Locale.ROOT,
                "%s: median %6d ms, min %6d ms, max %6d ms (n=%d)",
                what,
                median,
                s[0],
                s[s.length - 1],
                s.length);
    }

    /** The model server's name (namespace-isvc) of a model's deployed version, {@code null} without a URL. */
    private static String serverName(RegistryContents c, RegisteredModel rm) {
        for (InferenceService is : c.inferenceServices()) {
            if (is.registeredModelId().equals(rm.id()) && is.customProperties().containsKey("url")) {
                String ns = c.servingEnvironments().stream()
                        .filter(e -> e.id().equals(is.servingEnvironmentId()))
                        .findFirst()
                        .orElseThrow()
                        .name();
                return Names.sanitize(
                        ns + "-" + is.name().substring(0, is.name().indexOf('/')));
            }
        }
        return null;
    }

    private static ModelVersion version(RegistryContents c, RegisteredModel rm) {
        return c.modelVersions().stream()
                .filter(v -> v.registeredModelId().equals(rm.id()))
                .findFirst()
                .orElseThrow();
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > 600_000_000_000L) {
                throw new IllegalStateException("Backstage did not show every deployed model within 10 minutes");
            }
            Thread.sleep(500);
        }
    }
}
