package io.modelcatalogbridge.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcatalogbridge.model.DocumentKey;
import io.modelcatalogbridge.render.JsonArrayFormat;
import io.modelcatalogbridge.serve.location.contract.v1.V1ContractResource;
import io.modelcatalogbridge.testing.StubModelRegistry;
import io.modelcatalogbridge.testing.Waits;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole chain, every part real, over HTTP: a model registry (stub serving real KFMR shapes, two items a
 * page) → normalizer → storage (File) → location → a real Backstage backend with RHDH's model-catalog module,
 * asserted through Backstage's catalog API. The steps run in order on one registry; each waits for what a user
 * would see (polling 2 s + module tick 5 s).
 *
 * <p>How the bridge runs is the subclass's choice ({@link #newTopology()}): {@link FullChainIT} starts the three
 * role processes; a single-process subclass only has to return a topology that runs every role in one process.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class FullChainScenario {

    static final String PROVIDER_ID = "model-catalog-bridge-chain";
    static final String BRIDGE_TOKEN = "chain-bridge-static-token";
    static final String STORAGE_TOKEN = "chain-storage-token";
    static final String REGISTRY_TOKEN = "chain-kfmr-token";
    static final Duration STEP = Duration.ofSeconds(45);

    static final String MNIST = "ai-models-mnist-v1";
    static final String GRANITE = "ai-models-granite-lab";
    static final String CREDIT_RISK = "risk-team-credit-risk";
    static final String CHURN = "ai-models-churn";

    private StubModelRegistry registry;
    private BackstageBackend backstage;
    private ChainTopology topology;
    private ChainProbe probe;
    private Thread shutdownHook;

    /**
     * The bridge under test, ports chosen, nothing started yet. Hook for the single-process {@code run} mode: a
     * {@code FullChainRunIT} returns a topology starting {@code java -jar ${app.jar} run} with the merged
     * {@link ChainSettings} environments.
     */
    protected abstract ChainTopology newTopology();

    @BeforeAll
    void startChain() throws IOException {
        BackstageBackend.ensureInstalled();
        // A fresh store: documents of an earlier run carry newer times, and storage refuses older upserts.
        Path work = Path.of("target", "e2e-chain-" + getClass().getSimpleName()).toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work);
        Files.createDirectories(work.resolve("home"));
        registry = StubModelRegistry.start(ChainRegistry.initial());
        registry.requireToken(REGISTRY_TOKEN);
        topology = newTopology();
        // Registered before anything starts: a killed test JVM must not leave role or node processes behind.
        shutdownHook = new Thread(this::stopAll, "full-chain-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);

        backstage = BackstageBackend.start(
                PROVIDER_ID, topology.locationUrl() + V1ContractResource.BASE_PATH, "chain-backstage");
        topology.start(new ChainSettings(
                registry.url(),
                REGISTRY_TOKEN,
                backstage.jwksUrl(),
                PROVIDER_ID,
                BRIDGE_TOKEN,
                STORAGE_TOKEN,
                "2s",
                2,
                work));
        probe = new ChainProbe(backstage.url(), topology.storageUrl(), STORAGE_TOKEN);

        for (String url : topology.readinessUrls()) {
            awaitChain("ready: " + url, Duration.ofSeconds(90)).until(() -> probe.answers200(url));
        }
        awaitChain("backstage ready", Duration.ofSeconds(90))
                .until(() -> probe.answers200(backstage.url() + "/.backstage/health/v1/readiness"));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Whatever a step did to the registry's faults, the next step starts without any. */
    @AfterEach
    void clearFaults() {
        if (registry != null) {
            registry.faults().clear();
        }
    }

    @AfterAll
    void stopChain() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | NullPointerException shuttingDownOrNeverAdded) {
            // nothing to remove
        }
    }

    private synchronized void stopAll() {
        for (AutoCloseable c : new AutoCloseable[] {topology, backstage, registry}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep stopping the others
            }
        }
    }

    @Test
    @Order(1)
    void deployedVersionsBecomeModelServerEntities() {
        awaitChain("entities of the three deployments", STEP)
                .untilAsserted(() -> assertEquals(
                        Set.of(MNIST, GRANITE, CREDIT_RISK),
                        probe.entities().keySet(),
                        "deployed versions only: model-only versions and archived models make no entity"));

        JsonNode mnist = probe.entities().get(MNIST).path("spec");
        assertEquals(
                "https://mnist-v1-ai-models.apps.cluster.example.com",
                mnist.path("serverUrl").asText());
        assertEquals("openapi", mnist.path("serverType").asText());
        assertEquals("user:kube-admin", mnist.path("owner").asText(), "registered model's owner field, sanitized");
        assertEquals("development", mnist.path("lifecycle").asText());
        assertEquals("[\"mnist-v1\"]", mnist.path("models").path("available").toString());

        JsonNode credit = probe.entities().get(CREDIT_RISK).path("spec");
        assertEquals(
                "https://credit-risk-risk-team.apps.cluster.example.com",
                credit.path("serverUrl").asText());
        assertEquals("grpc", credit.path("serverType").asText(), "API Type property of the version");
        assertEquals("user:risk-analytics-team", credit.path("owner").asText(), "Owner property of the model");
        assertEquals("production", credit.path("lifecycle").asText(), "Lifecycle property of the model");

        // granite came from the model catalog: its card is the catalog model's readme, served by location.
        assertCardServed(
                probe.entities().get(GRANITE),
                "/modelcard/redhat_ai_models/rhelai1/granite-3.1-8b-lab-v1",
                ChainRegistry.graniteCard(registry.contents()));
        assertTrue(
                probe.entities()
                        .get(MNIST)
                        .path("metadata")
                        .path("annotations")
                        .path("backstage.io/techdocs-ref")
                        .isMissingNode(),
                "mnist has no model card");
        assertTrue(
                registry.countsByPath().keySet().stream().anyMatch(p -> p.startsWith("/sources/")),
                "the model catalog was asked for the card");
    }

    @Test
    @Order(2)
    void registryChangesReachTheEntity() {
        registry.mutate(
                ChainRegistry.setVersionProperties("2", Map.of("Owner", "ml-platform", "Lifecycle", "production")));
        registry.mutate(ChainRegistry.setServiceUrl("4", "https://mnist-v1-ai-models.apps.new-cluster.example.com"));

        awaitChain("updated mnist entity", STEP).untilAsserted(() -> {
            JsonNode spec = probe.entities().get(MNIST).path("spec");
            assertEquals("user:ml-platform", spec.path("owner").asText());
            assertEquals("production", spec.path("lifecycle").asText());
            assertEquals(
                    "https://mnist-v1-ai-models.apps.new-cluster.example.com",
                    spec.path("serverUrl").asText());
        });
    }

    @Test
    @Order(3)
    void archivedModelLeavesTheCatalog() {
        registry.archiveRegisteredModel("6");

        awaitChain("granite entity gone", STEP)
                .untilAsserted(() -> assertEquals(
                        Set.of(MNIST, CREDIT_RISK), probe.entities().keySet()));
        assertTrue(
                probe.storageKeys().stream().noneMatch(k -> k.startsWith("granite")),
                "storage pruned the archived model's document: " + probe.storageKeys());
    }

    /**
     * Was flaky (2 of 6 runs on a quiet machine saw churn published while page 2 failed). The test was wrong, not
     * the product: a full sync already in flight when the fault was set had read pages 1 and 2 of the registered
     * models before it, and page 3 — where churn, registered right after, lands — after it. Every page it asked
     * for answered, so it had a complete read of a registry that did hold churn by then, and publishing it is
     * right (the registry API has no snapshot reads; each full sync re-reads everything and repairs a torn read).
     * So churn is now registered only once an injected failure has been served: full syncs run one at a time,
     * hence every sync from then on reads page 2 under the fault and none can complete.
     */
    @Test
    @Order(4)
    void failingRegistryPrunesNothingAndRecovers() {
        // Page 2 of the registered models holds credit-risk: a reader that took a half-read list as complete
        // would prune it. Page 1 still answers, so every sync fails in the middle of the pagination.
        List<String> keysBefore = probe.storageKeys();
        Set<String> entitiesBefore = Set.copyOf(probe.entities().keySet());
        long injected = registry.faults().injectedErrors();
        try {
            registry.faults().failPage("/registered_models", 2, 500);
            awaitChain("a sync ran into the failing page", STEP)
                    .until(() -> registry.faults().injectedErrors() > injected);
            ChainRegistry.registerChurn(registry);
            long failedBefore = registry.faults().injectedErrors();

            awaitChain("catalog kept while the registry fails", STEP)
                    .during(Waits.seconds(12))
                    .untilAsserted(() -> {
                        assertEquals(
                                entitiesBefore,
                                probe.entities().keySet(),
                                "nothing pruned, and nothing of the half-read registry (churn) published");
                        assertEquals(keysBefore, probe.storageKeys());
                    });
            assertTrue(
                    registry.faults().injectedErrors() > failedBefore, "syncs kept running into the fault meanwhile");
        } finally {
            registry.faults().clear();
        }
        Set<String> withChurn = new TreeSet<>(entitiesBefore);
        withChurn.add(CHURN);
        awaitChain("churn appears after the registry recovers", STEP)
                .untilAsserted(() -> assertEquals(withChurn, probe.entities().keySet()));
        JsonNode churn = probe.entities().get(CHURN);
        assertEquals("user:retention-team", churn.path("spec").path("owner").asText());
        assertEquals("experimental", churn.path("spec").path("lifecycle").asText());
        // A registry-side card: the registered model's readme.
        assertCardServed(churn, "/modelcard/" + ChainRegistry.REGISTRY_ID + "/churn", ChainRegistry.churnCard());
    }

    @Test
    @Order(5)
    void deploymentRemovedWhileTheNormalizerWasDownLeaves() {
        // credit-risk's document carries its inference service's time, the newest of its inputs. Undeployed while
        // no normalizer runs, the next normalizer computes an older time than storage holds for the key.
        // Expectations are relative to what the earlier steps left, so one failed step does not fail this one.
        Set<String> expected = new TreeSet<>(probe.entities().keySet());
        assertTrue(expected.remove(CREDIT_RISK), "credit-risk is deployed before this step: " + expected);
        topology.restartNormalizer(() -> registry.mutate(ChainRegistry.undeploy("16")));

        awaitChain("credit-risk entity gone", STEP)
                .untilAsserted(() -> assertEquals(expected, probe.entities().keySet()));
        assertTrue(probe.storageKeys().contains("credit-risk_v2"), "the version itself is still registered");
    }

    @Test
    @Order(6)
    void goEraContractServesWhatStorageHolds() {
        List<String> keys = probe.storageKeys();
        assertTrue(keys.containsAll(List.of("mnist_v1", "credit-risk_v2")), keys.toString());
        assertFalse(
                keys.stream().anyMatch(k -> k.startsWith("fraud-detection") || k.startsWith("granite")),
                "archived models are not stored: " + keys);

        // What modules 0.2–0.9 did: GET {base}/list, then GET {base}{uri}; location must serve storage's bytes.
        awaitChain("location serves storage's documents", Duration.ofSeconds(20))
                .untilAsserted(() -> {
                    Map<String, byte[]> expected = new TreeMap<>();
                    for (String key : probe.storageKeys()) {
                        expected.put(
                                DocumentKey.parse(key).goEraUri(JsonArrayFormat.FILE_NAME), probe.storageDocument(key));
                    }
                    List<String> uris = probe.goEraUris(topology.locationUrl(), BRIDGE_TOKEN);
                    assertEquals(expected.keySet(), Set.copyOf(uris));
                    for (String uri : uris) {
                        HttpResponse<byte[]> r = probe.getBytes(topology.locationUrl() + uri, BRIDGE_TOKEN);
                        assertEquals(200, r.statusCode(), uri);
                        assertArrayEquals(expected.get(uri), r.body(), uri);
                    }
                });
        assertEquals(401, probe.get(topology.locationUrl() + "/list", null).statusCode(), "a token is required");
    }

    /** The entity's TechDocs reference points at location's card path, and location serves the card there. */
    private void assertCardServed(JsonNode entity, String cardPath, String markdown) {
        String ref = entity.path("metadata")
                .path("annotations")
                .path("backstage.io/techdocs-ref")
                .asText();
        String url = topology.locationUrl() + V1ContractResource.BASE_PATH + cardPath;
        assertEquals("url:" + url, ref);
        // Backstage's TechDocs URL reader sends no token: cards are open.
        HttpResponse<String> card = probe.get(url, null);
        assertEquals(200, card.statusCode(), url);
        assertTrue(card.headers().firstValue("Content-Type").orElse("").startsWith("text/markdown"));
        assertEquals(markdown, card.body());
    }

    /** Awaitility that fails at once, with the log tail, when a process of the chain has exited. */
    private ConditionFactory awaitChain(String alias, Duration atMost) {
        return Waits.await(alias, atMost)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .failFast(() -> {
                    ChildProcess dead = deadProcess();
                    if (dead != null) {
                        throw new AssertionError(dead + " exited; end of " + dead.log() + ":\n" + dead.tail(40));
                    }
                });
    }

    private ChildProcess deadProcess() {
        for (ChildProcess p : topology.processes()) {
            if (!p.alive()) {
                return p;
            }
        }
        return backstage != null && !backstage.process().alive() ? backstage.process() : null;
    }
}
