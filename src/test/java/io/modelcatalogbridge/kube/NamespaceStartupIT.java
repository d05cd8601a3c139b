package io.modelcatalogbridge.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.testing.AppProcess;
import io.modelcatalogbridge.testing.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code NAMESPACE} keeps the Go bridge's meaning (storage's ConfigMap namespace, one name); the KServe watch scope
 * may be a list of its own ({@code KSERVE_NAMESPACES}). A value that cannot be a namespace stops start-up with exit
 * code 2 and one line naming the setting and what to do.
 */
class NamespaceStartupIT {

    @TempDir
    Path tmp;

    private final List<AppProcess> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(AppProcess::kill);
    }

    @Test
    void storageRefusesAListAsItsConfigMapNamespace() throws Exception {
        AppProcess storage = start(
                "storage",
                Map.of(
                        "STORAGE_TYPE",
                        "ConfigMap",
                        "KUBECONFIG",
                        kubeconfig().toString(),
                        "NAMESPACE",
                        "team-a,team-b"));

        assertEquals(2, exitCode(storage), "exit code (see " + storage.log + ")");
        String log = Files.readString(storage.log);
        assertTrue(
                log.contains("bridge.storage.configmap.namespace (NAMESPACE / POD_NAMESPACE) is 'team-a,team-b',"
                        + " which is not a Kubernetes namespace name"),
                log);
        assertTrue(log.contains("set KSERVE_NAMESPACES"), log);
    }

    @Test
    void theNormalizerRefusesAnInvalidKServeNamespace() throws Exception {
        AppProcess normalizer = start(
                "normalizer", Map.of("KUBECONFIG", kubeconfig().toString(), "KSERVE_NAMESPACES", "models,Team_B"));

        assertEquals(2, exitCode(normalizer), "exit code (see " + normalizer.log + ")");
        String log = Files.readString(normalizer.log);
        assertTrue(
                log.contains("bridge.kserve.namespaces (KSERVE_NAMESPACES, else NAMESPACE) is 'Team_B',"
                        + " which is not a Kubernetes namespace name"),
                log);
    }

    /** A kubeconfig naming an API server nobody listens on: the client is built, never used successfully. */
    private Path kubeconfig() throws Exception {
        Path kubeconfig = tmp.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "http://127.0.0.1:1"}}]
                contexts: [{name: c, context: {cluster: c, user: u, namespace: bridge}}]
                current-context: c
                users: [{name: u, user: {token: not-a-real-token}}]
                """);
        return kubeconfig;
    }

    private static int exitCode(AppProcess p) throws InterruptedException {
        assertTrue(
                p.process.waitFor(Waits.seconds(60).toMillis(), TimeUnit.MILLISECONDS),
                p.role + " did not stop (see " + p.log + ")");
        return p.process.exitValue();
    }

    private AppProcess start(String role, Map<String, String> env) throws Exception {
        AppProcess p = AppProcess.start(role, AppProcess.freePort(), env, tmp.resolve(role + ".log"), List.of());
        started.add(p);
        return p;
    }
}
