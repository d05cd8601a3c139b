package io.modelcatalogbridge.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.modelcatalogbridge.e2e.MockCluster;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A Kubernetes API for bench processes: fabric8's mock API server in CRUD mode with KServe's CRDs, a kubeconfig
 * naming it, and a control port. {@code GET /isvc?name=<n>} creates a KServe-only InferenceService {@code <n>}
 * (with its predictor Service) in namespace {@code risk-team}, a copy of the example snapshot's
 * {@code fraud-scorer}, and answers the epoch milliseconds at which the API server had stored it.
 *
 * <p>Arguments: {@code <state file>}; the file gets {@code kubeconfig=} and {@code admin=} lines.
 */
public final class KubeSimulator {

    private static final ResourceDefinitionContext ISVC = new ResourceDefinitionContext.Builder()
            .withGroup("serving.kserve.io")
            .withVersion("v1beta1")
            .withKind("InferenceService")
            .withPlural("inferenceservices")
            .withNamespaced(true)
            .build();

    private KubeSimulator() {}

    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]).toAbsolutePath();
        MockCluster cluster = MockCluster.start();
        cluster.installKServeCrds();
        Path kubeconfig = cluster.writeKubeconfig(state.resolveSibling("bench-kubeconfig.yaml"));
        Map<String, Function<Map<String, String>, String>> commands = new LinkedHashMap<>();
        commands.put("isvc", q -> {
            String name = q.get("name");
            Service svc = cluster.examplePredictorService("fraud-scorer");
            svc.getMetadata().setName(name + "-predictor");
            cluster.client().services().inNamespace("risk-team").resource(svc).create();
            GenericKubernetesResource isvc = cluster.exampleIsvc("fraud-scorer");
            isvc.getMetadata().setName(name);
            cluster.client()
                    .genericKubernetesResources(ISVC)
                    .inNamespace("risk-team")
                    .resource(isvc)
                    .create();
            return Long.toString(System.currentTimeMillis());
        });
        BenchAdmin admin = BenchAdmin.start(commands);
        BenchAdmin.publishAndWait(state, Map.of("kubeconfig", kubeconfig.toString(), "admin", admin.url()));
    }
}
