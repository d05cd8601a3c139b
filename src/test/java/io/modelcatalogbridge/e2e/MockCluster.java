package io.modelcatalogbridge.e2e;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Kubernetes API for role processes: fabric8's mock server in CRUD mode on 127.0.0.1 (plain HTTP) in the test
 * JVM, a kubeconfig file pointing at it, and the KServe objects of {@code examples/registry-snapshot/kserve}.
 */
public final class MockCluster implements AutoCloseable {

    static final ResourceDefinitionContext ISVC = new ResourceDefinitionContext.Builder()
            .withGroup("serving.kserve.io")
            .withVersion("v1beta1")
            .withKind("InferenceService")
            .withPlural("inferenceservices")
            .withNamespaced(true)
            .build();
    static final ResourceDefinitionContext LLM_ISVC = new ResourceDefinitionContext.Builder()
            .withGroup("serving.kserve.io")
            .withVersion("v1alpha1")
            .withKind("LLMInferenceService")
            .withPlural("llminferenceservices")
            .withNamespaced(true)
            .build();
    private static final Path KSERVE = Path.of("examples/registry-snapshot/kserve");
    /** A ready LLMInferenceService (llm-d) of the normalizer tests; the example snapshot has none. */
    private static final String LLM_ISVC_FIXTURE = "/fixtures/normalizer/llminferenceservice.json";

    /** Held: the mock server logs every request at INFO, which buries the test's output. */
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

    /** The bridge's bearer token in {@link #writeKubeconfig} (the mock checks none; {@link ApiFaults} tells by it). */
    static final String BRIDGE_TOKEN = "kserve-chain-token";

    private final Dispatcher dispatcher;
    private volatile KubernetesMockServer server;
    private final NamespacedKubernetesClient client;

    private MockCluster(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
        this.server = serve(dispatcher, 0);
        this.client = server.createClient();
    }

    public static MockCluster start() {
        return new MockCluster(new KubernetesCrudDispatcher(List.of()));
    }

    /** A cluster whose API server can fail on demand ({@link ApiFaults} in front of the CRUD dispatcher). */
    static MockCluster withFaults(Function<Dispatcher, ApiFaults> faults) {
        return new MockCluster(faults.apply(new KubernetesCrudDispatcher(List.of())));
    }

    private static KubernetesMockServer serve(Dispatcher dispatcher, int port) {
        MOCK_LOG.setLevel(Level.WARNING);
        KubernetesMockServer server =
                new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    /**
     * The API server goes away (connections refused, open watches cut), {@code whileDown} runs, and it comes back on
     * the same port with the same objects.
     */
    void outage(Runnable whileDown) {
        int port = server.getPort();
        server.destroy();
        try {
            whileDown.run();
        } finally {
            server = serve(dispatcher, port);
        }
    }

    public NamespacedKubernetesClient client() {
        return client;
    }

    /** A kubeconfig naming this server (any token; the mock checks none) with a default namespace. */
    public Path writeKubeconfig(Path file) {
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: mock
                    cluster: { server: "http://127.0.0.1:%d" }
                users:
                  - name: normalizer
                    user: { token: %s }
                contexts:
                  - name: mock
                    context: { cluster: mock, user: normalizer, namespace: ai-models }
                current-context: mock
                """.formatted(server.getPort(), BRIDGE_TOKEN);
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The CRDs of KServe's two deployment kinds, as a cluster with KServe installed serves them. */
    public void installKServeCrds() {
        crd("inferenceservices", "InferenceService", "v1beta1");
        crd("llminferenceservices", "LLMInferenceService", "v1alpha1");
    }

    private void crd(String plural, String kind, String version) {
        CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName(plural + ".serving.kserve.io")
                .endMetadata()
                .withNewSpec()
                .withGroup("serving.kserve.io")
                .withScope("Namespaced")
                .withNewNames()
                .withKind(kind)
                .withPlural(plural)
                .endNames()
                .addNewVersion()
                .withName(version)
                .withServed(true)
                .withStorage(true)
                .endVersion()
                .endSpec()
                .build();
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    }

    /** An InferenceService of the example snapshot, ready to be created (no resource version, no finalizers). */
    public GenericKubernetesResource exampleIsvc(String name) {
        GenericKubernetesResource r = example("inferenceservices.json", name, GenericKubernetesResource.class);
        r.getMetadata().setResourceVersion(null);
        r.getMetadata().setFinalizers(null);
        return r;
    }

    /** A ready LLMInferenceService named {@code name} in {@code llm-team}, ready to be created. */
    GenericKubernetesResource exampleLlmIsvc(String name) {
        try (InputStream in = MockCluster.class.getResourceAsStream(LLM_ISVC_FIXTURE)) {
            GenericKubernetesResource r = Serialization.jsonMapper().readValue(in, GenericKubernetesResource.class);
            r.getMetadata().setName(name);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The predictor Service KServe creates for an example InferenceService. */
    public Service examplePredictorService(String isvc) {
        return clean(example("services.json", isvc + "-predictor", Service.class));
    }

    /** The ServiceAccount KServe owns when token auth is on ({@code <isvc>-sa}, owner reference to the ISVC). */
    ServiceAccount exampleServiceAccount(String isvc) {
        return clean(example("serviceaccounts.json", isvc + "-sa", ServiceAccount.class));
    }

    private static <T extends HasMetadata> T clean(T r) {
        r.getMetadata().setResourceVersion(null);
        return r;
    }

    @SuppressWarnings("unchecked")
    private static <T> T example(String file, String name, Class<T> type) {
        try {
            Map<String, Object> list =
                    Serialization.jsonMapper().readValue(Files.readString(KSERVE.resolve(file)), Map.class);
            for (Object item : (List<Object>) list.get("items")) {
                Map<String, Object> meta = (Map<String, Object>) ((Map<String, Object>) item).get("metadata");
                if (name.equals(meta.get("name"))) {
                    return Serialization.jsonMapper().convertValue(item, type);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no " + name + " in " + KSERVE.resolve(file));
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
