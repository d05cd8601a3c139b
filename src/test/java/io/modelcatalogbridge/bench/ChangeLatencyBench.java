package io.modelcatalogbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcatalogbridge.e2e.BackstageBackend;
import io.modelcatalogbridge.e2e.BridgeRun;
import io.modelcatalogbridge.e2e.CatalogCheck;
import io.modelcatalogbridge.e2e.ChildProcess;
import io.modelcatalogbridge.e2e.GeneratedRegistry;
import io.modelcatalogbridge.model.DocumentKey;
import io.modelcatalogbridge.model.Names;
import io.modelcatalogbridge.serve.location.contract.v1.V1ContractResource;
import io.modelcatalogbridge.source.kfmr.InferenceService;
import io.modelcatalogbridge.source.kfmr.ModelVersion;
import io.modelcatalogbridge.source.kfmr.RegisteredModel;
import io.modelcatalogbridge.source.kfmr.RegistryContents;
import io.modelcatalogbridge.sync.GoDuration;
import io.modelcatalogbridge.testing.StubModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
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
 * <p>Each run waits a random part of the polling interval (a user's edit lands anywhere in the cycle), edits one
 * deployed version's description (the change) or archives one registered model (the removal), starts the clock
 * right after the registry answers with the new state, and polls every 100 ms until location serves the new
 * document (the bridge's part) and Backstage's catalog API shows the entity changed or gone (the whole path). Run
 * with {@code bench/change-latency.sh}.
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
        List<AutoCloseable> started = new CopyOnWriteArrayList<>();
        // Stopped with Ctrl-C or SIGTERM: take Backstage and the bridges down too.
        Thread cleanup = new Thread(() -> closeAll(started));
        Runtime.getRuntime().addShutdownHook(cleanup);
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
            // Columns: module document, module entity, push document, push entity (ms after the registry change).
            long[][] change = new long[4][runs];
            long[][] removal = new long[4][runs];
            // A change lands at a random point of the polling cycle, as a user's edit does (seeded: repeatable).
            Random phase = new Random(42);
            long pollMillis = GoDuration.parse(polling).toMillis();
            for (int i = 0; i < 2 * runs; i++) {
                boolean isChange = i < runs;
                RegisteredModel rm = served.get(i);
                String name = serverName(contents, rm);
                ModelVersion mv = version(contents, rm);
                DocumentKey key = DocumentKey.of(rm.name(), mv.name());
                String moduleDoc = module.locationUrl() + V1ContractResource.BASE_PATH + "/models/" + key.segment1()
                        + "/" + key.segment2();
                String pushDoc = push.locationUrl() + key.goEraUri("catalog-info.yaml");
                Thread.sleep((long) (phase.nextDouble() * pollMillis));
                String text = "Edited description " + i + " " + System.nanoTime();
                Predicate<JsonNode> entityDone;
                BooleanSupplier moduleDocDone;
                BooleanSupplier pushDocDone;
                if (isChange) {
                    registry.mutate(GeneratedRegistry.describeVersion(mv.id(), text));
                    entityDone = e -> e != null
                            && e.path("metadata").path("description").asText().contains(text);
                    moduleDocDone = () -> catalog.fetch(moduleDoc).body().contains(text);
                    pushDocDone = () -> catalog.fetch(pushDoc).body().contains(text);
                } else {
                    registry.archiveRegisteredModel(rm.id());
                    entityDone = e -> e == null;
                    // A removed document stays fetchable for a grace period (the module lists, then fetches): the
                    // bridge's part is done when the key leaves the list.
                    String moduleList = module.locationUrl() + V1ContractResource.BASE_PATH + "/list";
                    String listed = "\"" + key.segment1() + "/" + key.segment2() + "\"";
                    String pushUri = "\"" + key.goEraUri("catalog-info.yaml") + "\"";
                    moduleDocDone = () -> !catalog.fetch(moduleList).body().contains(listed);
                    pushDocDone = () ->
                            !catalog.fetch(push.locationUrl() + "/list").body().contains(pushUri);
                }
                long[] t = measure(List.of(
                        moduleDocDone,
                        () -> entityDone.test(entity(catalog, "AiModelServerAPI", name)),
                        pushDocDone,
                        () -> entityDone.test(entity(catalog, "Component", name))));
                long[][] into = isChange ? change : removal;
                for (int c = 0; c < 4; c++) {
                    into[c][isChange ? i : i - runs] = t[c];
                }
                rows.add(String.format(
                        Locale.ROOT,
                        "%-7s %d: module document %6d ms, entity %6d ms | push document %6d ms, entity %6d ms",
                        isChange ? "change" : "removal",
                        isChange ? i : i - runs,
                        t[0],
                        t[1],
                        t[2],
                        t[3]));
            }
            String[] columns = {"module document", "module entity  ", "push document  ", "push entity    "};
            for (int c = 0; c < 4; c++) {
                rows.add(summary("change  " + columns[c], change[c]));
            }
            for (int c = 0; c < 4; c++) {
                rows.add(summary("removal " + columns[c], removal[c]));
            }
            rows.forEach(System.out::println);
            Files.writeString(
                    Path.of("target", "bench-change-latency.txt"),
                    "POLLING_INTERVAL=" + polling + ", module schedule " + schedule + " s, runs " + runs + "\n"
                            + String.join("\n", rows) + "\n",
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } finally {
            closeAll(started);
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    private static void closeAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // keep stopping the others
            }
        }
        started.clear();
    }

    /** Milliseconds from now until each probe first holds, polling every 100 ms. */
    private static long[] measure(List<BooleanSupplier> probes) throws Exception {
        long start = System.nanoTime();
        long[] at = new long[probes.size()];
        Arrays.fill(at, -1);
        while (Arrays.stream(at).anyMatch(t -> t < 0)) {
            if (System.nanoTime() - start > 600_000_000_000L) {
                throw new IllegalStateException("no change seen within 10 minutes: " + Arrays.toString(at));
            }
            for (int i = 0; i < at.length; i++) {
                if (at[i] < 0 && probes.get(i).getAsBoolean()) {
                    at[i] = (System.nanoTime() - start) / 1_000_000;
                }
            }
            Thread.sleep(100);
        }
        return at;
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

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > 600_000_000_000L) {
                throw new IllegalStateException("Backstage did not show every deployed model within 10 minutes");
            }
            Thread.sleep(500);
        }
    }
}
