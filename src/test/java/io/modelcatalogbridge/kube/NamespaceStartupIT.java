package io.modelcatalogbridge.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.testing.AppProcess;
import io.modelcatalogbridge.testing.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
        String log = refusedStart(
                "storage",
                Map.of("STORAGE_TYPE", "ConfigMap", "NAMESPACE", "team-a,team-b"),
                "bridge.storage.configmap.namespace (NAMESPACE / POD_NAMESPACE) is 'team-a,team-b'");
        assertTrue(log.contains("set KSERVE_NAMESPACES"), log);
    }

    @Test
    void storageRefusesAListAsTheNamespaceOfTheBackstageRouteLookup() throws Exception {
        refusedStart(
                "storage",
                Map.of(
                        "STORAGE_TYPE",
                        "File",
                        "STORAGE_DIR",
                        tmp.resolve("store").toString(),
                        "PUSH_TO_RHDH",
                        "true",
                        "NAMESPACE",
                        "team-a,team-b"),
                "bridge.backstage.route-namespace (NAMESPACE / POD_NAMESPACE) is 'team-a,team-b'");
    }

    @Test
    void theNormalizerRefusesAnInvalidKServeNamespace() throws Exception {
        refusedStart(
                "normalizer",
                Map.of("KSERVE_NAMESPACES", "models,Team_B"),
                "bridge.kserve.namespaces (KSERVE_NAMESPACES, else NAMESPACE) is 'Team_B'");
    }

    /**
     * Starts {@code role} with {@code env} and a kubeconfig, and checks that it stops with exit code 2 and a line
     * starting with {@code setting} that says why; returns the log.
     */
    private String refusedStart(String role, Map<String, String> env, String setting) throws Exception {
        Map<String, String> all = new HashMap<>(env);
        all.put("KUBECONFIG", kubeconfig().toString());
        AppProcess p = start(role, all);
        assertEquals(2, exitCode(p), "exit code (see " + p.log + ")");
        String log = Files.readString(p.log);
        assertTrue(log.contains(setting + ", which is not a Kubernetes namespace name"), log);
        return log;
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
