package io.modelcatalogbridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.modelcatalogbridge.serve.location.ExampleDocuments;
import io.modelcatalogbridge.serve.location.contract.v1.V1ContractResource;
import io.modelcatalogbridge.source.kfmr.RegistryContents;
import io.modelcatalogbridge.source.snapshot.SnapshotDirectory;
import io.modelcatalogbridge.testing.KfmrRecords;
import io.modelcatalogbridge.testing.StubModelRegistry;
import io.modelcatalogbridge.testing.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * KServe through the whole chain: a Kubernetes API (fabric8 mock server, CRUD, in this JVM) with the KServe CRDs
 * → normalizer (given that API by a kubeconfig) → storage (File) → location → real Backstage, asserted through
 * Backstage's catalog API and storage's {@code /list}. The registry stub serves the example snapshot with the
 * {@code url} property removed from its inference service (KFMR before 0.2.18): the model server can only come
 * from KServe. Full syncs run once, at start ({@code POLLING_INTERVAL=10m}), so every change after that is the
 * work of KServe events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KServeChainIT {

    static final String PROVIDER_ID = "model-catalog-bridge-kserve";
    static final String BRIDGE_TOKEN = "kserve-chain-bridge-token";
    static final String STORAGE_TOKEN = "kserve-chain-storage-token";
    static final String REGISTRY_TOKEN = "kserve-chain-kfmr-token";
    /**
     * Ceilings (stretched by {@link Waits}) for normalizer (debounce ≤ 800 ms) → storage → location, then Backstage's
     * 5 s module tick and processing. Both are far below the 10 min polling interval, so reaching storage within
     * them still proves a KServe event alone did it; how fast is bench/'s business.
     */
    static final Duration TO_STORAGE = Duration.ofSeconds(30);

    static final Duration TO_BACKSTAGE = Duration.ofSeconds(60);

    static final String MNIST_URL = "https://mnist-v1-ai-models.apps.kserve-chain.example.com";
    static final String MNIST_ENTITY = "ai-models-mnist-v1";
    static final String FRAUD_ENTITY = "risk-team-fraud-scorer";

    private StubModelRegistry registry;
    private MockCluster cluster;
    private BackstageBackend backstage;
    private ChainTopology topology;
    private ChainProbe probe;
    private Thread shutdownHook;

    @BeforeAll
    void startChain() throws IOException {
        BackstageBackend.ensureInstalled();
        Path work = Path.of("target", "e2e-chain-" + getClass().getSimpleName()).toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work.resolve("home"));
        registry = StubModelRegistry.start(registryWithoutServiceUrls());
        registry.requireToken(REGISTRY_TOKEN);
        cluster = MockCluster.start();
        cluster.installKServeCrds();
        Path kubeconfig = cluster.writeKubeconfig(work.resolve("kubeconfig"));
        topology = new ThreeProcessTopology();
        shutdownHook = new Thread(this::stopAll, "kserve-chain-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);

        backstage = BackstageBackend.start(
                PROVIDER_ID, topology.locationUrl() + V1ContractResource.BASE_PATH, "kserve-chain-backstage");
        // Only the normalizer gets Kubernetes; storage and location keep ChainSettings' isolation.
        topology.start(new ChainSettings(
                registry.url(),
                REGISTRY_TOKEN,
                backstage.jwksUrl(),
                PROVIDER_ID,
                BRIDGE_TOKEN,
                STORAGE_TOKEN,
                "10m",
                100,
                work,
                Map.of("KUBECONFIG", kubeconfig.toString())));
        probe = new ChainProbe(backstage.url(), topology.storageUrl(), STORAGE_TOKEN);
        for (String url : topology.readinessUrls()) {
            awaitChain("ready: " + url, Duration.ofSeconds(90)).until(() -> probe.answers200(url));
        }
        awaitChain("backstage ready", Duration.ofSeconds(90))
                .until(() -> probe.answers200(backstage.url() + "/.backstage/health/v1/readiness"));
        // The first full sync is done (normalizer ready): the registry's versions are stored, none is served.
        awaitChain("registry documents stored", TO_STORAGE)
                .until(() -> probe.storageKeys().contains("mnist_v1"));
        assertTrue(registry.requests().size() > 0, "the registry was read");
    }

    /** The example snapshot; its one inference service (mnist v1, id 4) without the {@code url} property. */
    private static RegistryContents registryWithoutServiceUrls() {
        RegistryContents c = SnapshotDirectory.read(ExampleDocuments.SNAPSHOT).registry();
        return KfmrRecords.withServices(
                c,
                c.inferenceServices().stream()
                        .map(s -> KfmrRecords.edited(s, Map.of(), s.desiredState(), s.lastUpdateTimeSinceEpoch()))
                        .toList());
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
        for (AutoCloseable c : new AutoCloseable[] {topology, backstage, cluster, registry}) {
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
    void deployingARegisteredVersionMakesAModelServerEntity() {
        assertTrue(
                probe.entities().isEmpty(),
                "nothing deployed yet: " + probe.entities().keySet());
        int registryCalls = registry.requests().size();

        // What KServe and the dashboard create: the predictor Service, the owned ServiceAccount of token auth,
        // the InferenceService labelled with the registry's ids (model 1, version 2, inference service 4).
        cluster.client()
                .services()
                .inNamespace("ai-models")
                .resource(cluster.examplePredictorService("mnist-v1"))
                .create();
        cluster.client()
                .serviceAccounts()
                .inNamespace("ai-models")
                .resource(cluster.exampleServiceAccount("mnist-v1"))
                .create();
        GenericKubernetesResource isvc = cluster.exampleIsvc("mnist-v1");
        // requiresApiKey must come from the owned ServiceAccount here, not from the annotation.
        isvc.getMetadata().getAnnotations().remove("security.opendatahub.io/enable-auth");
        status(isvc).put("url", MNIST_URL);
        isvcs().inNamespace("ai-models").resource(isvc).create();

        awaitChain("mnist served in storage", TO_STORAGE)
                .until(() -> storageText("mnist_v1").contains(MNIST_URL));
        awaitChain("mnist entity", TO_BACKSTAGE)
                .untilAsserted(() ->
                        assertEquals(Set.of(MNIST_ENTITY), probe.entities().keySet()));
        JsonNode spec = probe.entities().get(MNIST_ENTITY).path("spec");
        assertEquals(MNIST_URL, spec.path("serverUrl").asText(), "the InferenceService's status.url");
        assertTrue(spec.path("requiresApiKey").asBoolean(), "owned ServiceAccount mnist-v1-sa: token auth");
        assertEquals(registryCalls, registry.requests().size(), "a KServe event, not a full sync");
    }

    @Test
    @Order(2)
    void stoppingTheDeploymentRemovesTheEntity() {
        isvcs().inNamespace("ai-models").withName("mnist-v1").edit(r -> {
            r.getMetadata().getAnnotations().put("serving.kserve.io/stop", "true");
            return r;
        });

        awaitChain("mnist no longer served in storage", TO_STORAGE)
                .until(() -> !storageText("mnist_v1").contains(MNIST_URL));
        awaitChain("mnist entity gone", TO_BACKSTAGE)
                .untilAsserted(() -> assertFalse(
                        probe.entities().containsKey(MNIST_ENTITY),
                        probe.entities().keySet().toString()));
        assertTrue(probe.storageKeys().contains("mnist_v1"), "the version itself is still registered");
    }

    @Test
    @Order(3)
    void restartedDeploymentReturnsAndNotReadyRemovesIt() {
        isvcs().inNamespace("ai-models").withName("mnist-v1").edit(r -> {
            r.getMetadata().getAnnotations().remove("serving.kserve.io/stop");
            return r;
        });
        awaitChain("mnist entity back", TO_BACKSTAGE)
                .untilAsserted(() -> assertTrue(
                        probe.entities().containsKey(MNIST_ENTITY),
                        probe.entities().keySet().toString()));

        isvcs().inNamespace("ai-models").withName("mnist-v1").edit(r -> {
            conditions(r).stream().filter(c -> "Ready".equals(c.get("type"))).forEach(c -> c.put("status", "False"));
            return r;
        });
        awaitChain("mnist not ready: no longer served in storage", TO_STORAGE)
                .until(() -> !storageText("mnist_v1").contains(MNIST_URL));
        awaitChain("mnist entity gone again", TO_BACKSTAGE)
                .untilAsserted(() -> assertFalse(
                        probe.entities().containsKey(MNIST_ENTITY),
                        probe.entities().keySet().toString()));
    }

    @Test
    @Order(4)
    void kserveOnlyDeploymentAppearsWithItsOwnerAndLeavesWhenDeleted() {
        assertFalse(probe.storageKeys().contains("risk-team_fraud-scorer"));
        int registryCalls = registry.requests().size();
        cluster.client()
                .services()
                .inNamespace("risk-team")
                .resource(cluster.examplePredictorService("fraud-scorer"))
                .create();
        // No registry labels; metadata from the modelcatalogbridge.rhdh.io/* annotations (owner
        // risk-analytics-team); token auth from the annotation.
        GenericKubernetesResource isvc = cluster.exampleIsvc("fraud-scorer");
        isvc.getMetadata().getAnnotations().put("security.opendatahub.io/enable-auth", "true");
        isvcs().inNamespace("risk-team").resource(isvc).create();
        // A second KServe-only deployment stays: the removal of a source's last document waits for full syncs (the
        // mass-removal guard), and this chain runs none after its start.
        GenericKubernetesResource stays = cluster.exampleIsvc("fraud-scorer");
        stays.getMetadata().setName("fraud-canary");
        isvcs().inNamespace("risk-team").resource(stays).create();

        awaitChain("fraud-scorer stored", TO_STORAGE)
                .until(() ->
                        probe.storageKeys().containsAll(List.of("risk-team_fraud-scorer", "risk-team_fraud-canary")));
        awaitChain("fraud-scorer entity", TO_BACKSTAGE)
                .untilAsserted(() -> assertTrue(
                        probe.entities().containsKey(FRAUD_ENTITY),
                        probe.entities().keySet().toString()));
        JsonNode spec = probe.entities().get(FRAUD_ENTITY).path("spec");
        assertEquals("user:risk-analytics-team", spec.path("owner").asText(), "the owner annotation");
        assertEquals(
                "https://fraud-scorer-risk-team.apps.cluster.example.com",
                spec.path("serverUrl").asText());
        assertTrue(spec.path("requiresApiKey").asBoolean(), "security.opendatahub.io/enable-auth");

        isvcs().inNamespace("risk-team").withName("fraud-scorer").delete();
        awaitChain("fraud-scorer pruned from storage", TO_STORAGE)
                .until(() -> !probe.storageKeys().contains("risk-team_fraud-scorer"));
        awaitChain("fraud-scorer entity gone", TO_BACKSTAGE)
                .untilAsserted(() -> assertFalse(
                        probe.entities().containsKey(FRAUD_ENTITY),
                        probe.entities().keySet().toString()));
        assertTrue(probe.storageKeys().contains("mnist_v1"), "registry documents stay: " + probe.storageKeys());
        assertEquals(registryCalls, registry.requests().size(), "KServe events, not a full sync");
    }

    private MixedOperation<
                    GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            isvcs() {
        return cluster.client().genericKubernetesResources(MockCluster.ISVC);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> status(GenericKubernetesResource r) {
        return (Map<String, Object>) r.getAdditionalProperties().get("status");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> conditions(GenericKubernetesResource r) {
        return (List<Map<String, Object>>) status(r).get("conditions");
    }

    /** The document storage holds for a key, as text (empty when storage has none). */
    private String storageText(String key) {
        return probe.storageKeys().contains(key) ? new String(probe.storageDocument(key)) : "";
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

    /** Awaitility that fails at once, with the log tail, when a process of the chain has exited. */
    private ConditionFactory awaitChain(String alias, Duration atMost) {
        return Waits.await(alias, atMost)
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .failFast(() -> {
                    for (ChildProcess p : topology.processes()) {
                        if (!p.alive()) {
                            throw new AssertionError(p + " exited; end of " + p.log() + ":\n" + p.tail(40));
                        }
                    }
                    if (backstage != null && !backstage.process().alive()) {
                        throw new AssertionError(
                                "backstage exited:\n" + backstage.process().tail(40));
                    }
                });
    }
}
