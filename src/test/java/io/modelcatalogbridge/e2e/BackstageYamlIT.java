package io.modelcatalogbridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcatalogbridge.model.DocumentKey;
import io.modelcatalogbridge.serve.location.contract.v1.V1ContractResource;
import io.modelcatalogbridge.source.kfmr.ModelVersion;
import io.modelcatalogbridge.source.kfmr.RegisteredModel;
import io.modelcatalogbridge.source.kfmr.RegistryContents;
import io.modelcatalogbridge.testing.StubModelRegistry;
import io.modelcatalogbridge.testing.Waits;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Both document formats through one real Backstage (backend-defaults 0.18, catalog-backend 3.9.1, RHDH's
 * model-catalog module 1.1.0), read back through the catalog's own API: the entity list, each entity's processing
 * status and its relations.
 *
 * <ul>
 *   <li>{@code catalog-info.yaml} written by {@code export} (the example snapshot and a generated registry full of
 *       odd names, cards and TechDocs links) and registered as {@code file} locations;
 *   <li>{@code catalog-info.yaml} imported by storage's push ({@code PUSH_TO_RHDH}) as {@code url} locations that
 *       Backstage reads from location ({@code backend.reading.allow} names location's host:port);
 *   <li>{@code model-catalog.json} through the model-catalog module, where a version's description edit in the
 *       registry must reach the {@code AiModelServerAPI} entity.
 * </ul>
 *
 * <p>One Backstage serves the whole class. Logs: {@code target/e2e-yaml-*.log}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackstageYamlIT {

    static final String PROVIDER_ID = "bridge-yaml-e2e";
    /** Ceiling (times the wait factor) for Backstage to read and stitch a catalog of about a hundred entities. */
    static final Duration INGEST = Duration.ofSeconds(180);

    static final int FILE_MODELS = 25;
    static final int FILE_VERSIONS = 3;

    private final ObjectMapper json = new ObjectMapper();
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Path work = Path.of("target", "e2e-yaml").toAbsolutePath();

    private StubModelRegistry fileRegistry;
    private StubModelRegistry pushRegistry;
    private StubModelRegistry jsonRegistry;
    private BackstageBackend backstage;
    private CatalogCheck catalog;
    private final HttpClient readiness = HttpClient.newHttpClient();
    private BridgeRun push;
    private BridgeRun module;
    private List<Path> exported;

    @BeforeAll
    void startEverything() throws IOException {
        BackstageBackend.ensureInstalled();
        deleteRecursively(work);
        Files.createDirectories(work.resolve("home"));
        fileRegistry = start(GeneratedRegistry.contents("generated", "fl", FILE_MODELS, FILE_VERSIONS));
        pushRegistry = start(GeneratedRegistry.contents("pushed", "pm", 8, 2));
        jsonRegistry = start(GeneratedRegistry.contents("described", "dm", 3, 1));

        // catalog-info.yaml files as a user makes them: export, then register the files.
        Path files = work.resolve("files");
        export(List.of("--registry", "examples/registry-snapshot"), files.resolve("example"));
        export(
                List.of("--registry", "generated=" + fileRegistry.url(), "--catalog-url", fileRegistry.url()),
                files.resolve("generated"));
        try (Stream<Path> walk = Files.walk(files)) {
            exported = walk.filter(p -> p.getFileName().toString().equals("catalog-info.yaml"))
                    .sorted()
                    .toList();
        }
        assertEquals(5 + FILE_MODELS * FILE_VERSIONS, exported.size(), "one file per document");

        int pushLocation = ChildProcess.freePort();
        int moduleLocation = ChildProcess.freePort();
        StringBuilder extra = new StringBuilder();
        extra.append("backend:\n  reading:\n    allow:\n      - host: 127.0.0.1:")
                .append(pushLocation)
                .append('\n');
        extra.append("catalog:\n  rules:\n    - allow: [Component, API, Resource, Location]\n  locations:\n");
        exported.forEach(
                f -> extra.append("    - { type: file, target: ").append(f).append(" }\n"));
        backstage = BackstageBackend.start(
                PROVIDER_ID,
                "http://127.0.0.1:" + moduleLocation + V1ContractResource.BASE_PATH,
                "yaml-backstage",
                extra.toString());
        started.add(backstage);
        catalog = new CatalogCheck(backstage.url());

        Map<String, String> pushEnv = new HashMap<>();
        pushEnv.put("NORMALIZER_FORMAT", "CatalogInfoYamlFormat");
        pushEnv.put("PUSH_TO_RHDH", "true");
        pushEnv.put("BKSTG_URL", backstage.url());
        pushEnv.put("RHDH_TOKEN", BackstageBackend.CATALOG_TOKEN);
        // A plain Backstage imports only 'url' locations (RHDH's own type is rhdh-rhoai-bridge).
        pushEnv.put("BRIDGE_BACKSTAGE_LOCATION_TYPE", "url");
        pushEnv.put("MODEL_REGISTRY_URLS", "pushed=" + pushRegistry.url());
        push = startRun("yaml-push", pushLocation, pushEnv);

        Map<String, String> moduleEnv = new HashMap<>();
        moduleEnv.put("MODEL_REGISTRY_URLS", "described=" + jsonRegistry.url());
        module = startRun("yaml-module", moduleLocation, moduleEnv);

        push.awaitReady();
        module.awaitReady();
        Waits.await("backstage ready", Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .failFast(
                        "backstage exited:\n" + backstage.process().tail(40),
                        () -> !backstage.process().alive())
                // An I/O error (not listening yet, or no answer in time on a busy machine) is "not ready yet".
                .until(() -> backstage.ready(readiness));
    }

    @AfterAll
    void stopEverything() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // keep stopping the others
            }
        }
    }

    @Test
    void exportedYamlFilesAreIngestedAsFileLocationsWithNothingRejectedAndNoDanglingRelation() throws Exception {
        Map<String, JsonNode> written = new TreeMap<>();
        for (Path f : exported) {
            CatalogCheck.yamlEntities(Files.readAllBytes(f)).forEach(e -> written.put(CatalogCheck.ref(e), e));
        }
        assertTrue(written.size() > 100, "a catalog of some size: " + written.size());

        // Our own check first: what validate says about the files is what Backstage will say.
        BridgeRun.Result validate =
                app(List.of("validate", work.resolve("files").toString()));
        assertEquals(0, validate.exitCode(), validate.output());
        assertTrue(
                validate.output().contains(exported.size() + " file(s) checked, 0 error(s), 0 warning(s)"),
                validate.output());

        Map<String, JsonNode> ingested = awaitEntities(written.keySet());
        List<JsonNode> ours = written.keySet().stream().map(ingested::get).toList();
        assertEquals(List.of(), CatalogCheck.processingErrors(ours));
        assertEquals(Set.of(), CatalogCheck.danglingRelations(ingested, ours));
        List<JsonNode> fileLocations = catalog.entities("Location").values().stream()
                .filter(l -> l.path("spec").path("type").asText().equals("file"))
                .toList();
        assertEquals(exported.size(), fileLocations.size());
        assertEquals(List.of(), CatalogCheck.processingErrors(fileLocations));
        assertFalse(backstage.process().output().contains("Failed to stitch"), "a stitching error in the log");

        // Every model with a model card or a TechDocs link has a working reference: the exact URL written.
        long withDocs = ours.stream()
                .filter(e -> e.path("kind").asText().equals("Resource"))
                .filter(e ->
                        e.at("/metadata/annotations/backstage.io~1techdocs-ref").isTextual())
                .count();
        long generatedWithDocs = IntStream.range(0, FILE_MODELS)
                        .filter(m -> m % 2 == 0 || m % 4 == 1)
                        .count()
                * FILE_VERSIONS;
        // The example's credit-risk and fraud-scorer (TechDocs) and granite (model card under LOCATION_PUBLIC_URL).
        assertEquals(generatedWithDocs + 3, withDocs);
        for (JsonNode e : ours) {
            assertEquals(
                    written.get(CatalogCheck.ref(e)).at("/metadata/annotations"),
                    withoutBackstageAnnotations(e.at("/metadata/annotations")),
                    CatalogCheck.ref(e));
        }
    }

    @Test
    void pushModeRegistersUrlLocationsThatBackstageReadsFromLocation() throws Exception {
        Map<String, byte[]> documents = awaitStoredDocuments(push, pushRegistry.contents());
        Map<String, JsonNode> written = new TreeMap<>();
        documents.values().forEach(d -> CatalogCheck.yamlEntities(d).forEach(e -> written.put(CatalogCheck.ref(e), e)));

        Map<String, JsonNode> ingested = awaitEntities(written.keySet());
        List<JsonNode> ours = written.keySet().stream().map(ingested::get).toList();
        assertEquals(List.of(), CatalogCheck.processingErrors(ours));
        assertEquals(Set.of(), CatalogCheck.danglingRelations(ingested, ours));
        Set<String> targets = documents.keySet().stream()
                .map(k -> push.locationUrl() + DocumentKey.parse(k).goEraUri("catalog-info.yaml"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(catalog.locations().keySet().containsAll(targets), "one url location per document");
        List<JsonNode> urlLocations = catalog.entities("Location").values().stream()
                .filter(l -> targets.contains(l.path("spec").path("target").asText()))
                .toList();
        assertEquals(targets.size(), urlLocations.size());
        assertEquals(List.of(), CatalogCheck.processingErrors(urlLocations));

        // Backstage's own dry run of one target processes every entity without an error.
        String target = targets.iterator().next();
        HttpResponse<String> dry = catalog.dryRun("url", target);
        assertEquals(201, dry.statusCode(), dry.body());

        // The TechDocs reference of a model with a card is served by location.
        JsonNode withCard = ours.stream()
                .filter(e -> e.at("/metadata/annotations/backstage.io~1techdocs-ref")
                        .asText()
                        .startsWith("url:" + push.locationUrl()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Resource with a model card reference"));
        HttpResponse<String> card = catalog.fetch(withCard.at("/metadata/annotations/backstage.io~1techdocs-ref")
                .asText()
                .substring("url:".length()));
        assertEquals(200, card.statusCode());
        assertTrue(card.headers().firstValue("Content-Type").orElse("").startsWith("text/markdown"));
        assertTrue(card.body().startsWith("# "), card.body());

        // A registry change reaches Backstage: an archived model's entities leave with their location.
        RegisteredModel archived = pushRegistry.contents().registeredModels().get(0);
        Set<String> gone = entitiesOfModel(documents, archived);
        pushRegistry.archiveRegisteredModel(archived.id());
        Waits.await("archived model's entities removed", INGEST)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    Set<String> left = new TreeSet<>(gone);
                    left.retainAll(
                            catalog.entities("Component", "API", "Resource").keySet());
                    assertEquals(Set.of(), left);
                });
    }

    @Test
    void versionDescriptionEditReachesTheModelServerEntity() {
        RegistryContents c = jsonRegistry.contents();
        RegisteredModel rm = c.registeredModels().get(0);
        ModelVersion mv = c.modelVersions().stream()
                .filter(v -> v.registeredModelId().equals(rm.id()))
                .findFirst()
                .orElseThrow();
        CatalogCheck check = catalog;
        Waits.await("model server entity", INGEST)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> serverEntity(check).isPresent());
        String before = serverEntity(check)
                .orElseThrow()
                .path("metadata")
                .path("description")
                .asText();
        assertTrue(before.contains(rm.description()), before);
        assertTrue(before.contains(mv.description()), before);

        String edited = "Retrained on 2026 data; now calibrated.";
        jsonRegistry.mutate(GeneratedRegistry.describeVersion(mv.id(), edited));
        Waits.await("edited description in the entity", INGEST)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    String now = serverEntity(check)
                            .orElseThrow()
                            .path("metadata")
                            .path("description")
                            .asText();
                    assertTrue(now.contains(edited), now);
                    assertTrue(now.contains(rm.description()), now);
                });
    }

    /** The AiModelServerAPI entity of the first generated model's deployment (served name {@code ns-a-dm-isvc-0}). */
    private static Optional<JsonNode> serverEntity(CatalogCheck check) {
        return Optional.ofNullable(check.entities("AiModelServerAPI").get("aimodelserverapi:default/ns-a-dm-isvc-0"));
    }

    /** Waits until every reference exists in the catalog; returns the catalog's Components, APIs and Resources. */
    private Map<String, JsonNode> awaitEntities(Set<String> refs) {
        List<Map<String, JsonNode>> last = new ArrayList<>();
        Waits.await("entities ingested", INGEST)
                .pollInterval(Duration.ofSeconds(2))
                .failFast(
                        "backstage exited:\n" + backstage.process().tail(40),
                        () -> !backstage.process().alive())
                .untilAsserted(() -> {
                    Map<String, JsonNode> now = catalog.entities("Component", "API", "Resource");
                    last.clear();
                    last.add(now);
                    Set<String> missing = new TreeSet<>(refs);
                    missing.removeAll(now.keySet());
                    assertEquals(Set.of(), missing, "not in the catalog (refused, or not read yet)");
                });
        return last.get(0);
    }

    /** Storage's documents once every live version of the registry is stored. */
    private Map<String, byte[]> awaitStoredDocuments(BridgeRun bridge, RegistryContents registry) {
        ChainProbe probe = new ChainProbe(backstage.url(), bridge.storageUrl(), null);
        long live = registry.modelVersions().size();
        Waits.await("documents stored", INGEST)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> probe.storageKeys().size() >= live);
        Map<String, byte[]> out = new TreeMap<>();
        probe.storageKeys().forEach(k -> out.put(k, probe.storageDocument(k)));
        return out;
    }

    /** The entity references of the documents of one registered model's versions. */
    private Set<String> entitiesOfModel(Map<String, byte[]> documents, RegisteredModel rm) {
        Set<String> out = new TreeSet<>();
        pushRegistry.contents().modelVersions().stream()
                .filter(v -> v.registeredModelId().equals(rm.id()))
                .map(v -> DocumentKey.of(rm.name(), v.name()).storageKey())
                .forEach(k -> CatalogCheck.yamlEntities(documents.get(k)).forEach(e -> out.add(CatalogCheck.ref(e))));
        assertFalse(out.isEmpty(), "documents of " + rm.name());
        return out;
    }

    /** The annotations as written: Backstage adds its own {@code backstage.io/managed-by-*} and view/edit URLs. */
    private JsonNode withoutBackstageAnnotations(JsonNode annotations) {
        ObjectNode copy = json.createObjectNode();
        annotations.properties().forEach(e -> {
            String k = e.getKey();
            if (!k.startsWith("backstage.io/managed-by-")
                    && !k.equals("backstage.io/view-url")
                    && !k.equals("backstage.io/edit-url")
                    && !k.equals("backstage.io/source-location")) {
                copy.set(k, e.getValue());
            }
        });
        return copy.isEmpty() ? MissingNode.getInstance() : copy;
    }

    private StubModelRegistry start(RegistryContents contents) {
        StubModelRegistry r = StubModelRegistry.start(contents);
        started.add(r);
        return r;
    }

    private BridgeRun startRun(String name, int locationPort, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("POLLING_INTERVAL", "2s");
        BridgeRun run = BridgeRun.start(name, locationPort, work, all);
        started.add(run);
        return run;
    }

    private void export(List<String> args, Path out) {
        List<String> cmd = new ArrayList<>(List.of("export", "--format", "CatalogInfoYamlFormat", "--out"));
        cmd.add(out.toString());
        cmd.addAll(args);
        BridgeRun.Result r = app(cmd);
        assertEquals(0, r.exitCode(), r.output());
    }

    /** A one-shot command; model card links point at a location the catalog would reach. */
    private BridgeRun.Result app(List<String> args) {
        return BridgeRun.command(work, args, Map.of("LOCATION_PUBLIC_URL", "https://bridge.example.com"));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
