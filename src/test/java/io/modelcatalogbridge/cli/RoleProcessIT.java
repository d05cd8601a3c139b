package io.modelcatalogbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.testing.AppProcess;
import io.modelcatalogbridge.testing.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application as an operator runs it: each role starts, reports ready, and stops with exit code 0
 * on SIGTERM; and a role only loads what it needs (location never creates a Kubernetes or registry
 * client), checked from the JVM's class-loading log.
 */
class RoleProcessIT {

    private static final String K8S_CLIENT = "io.fabric8.kubernetes.client.impl.KubernetesClientImpl";
    private static final String KFMR_CLIENT = "io.modelcatalogbridge.source.kfmr.KfmrClient";

    @TempDir
    Path tmp;

    private final List<AppProcess> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(AppProcess::kill);
    }

    @Test
    void everyRoleBecomesReadyAndExitsZeroOnSigterm() throws Exception {
        AppProcess storage = start(
                "storage",
                Map.of(
                        "STORAGE_TYPE",
                        "File",
                        "STORAGE_DIR",
                        tmp.resolve("data").toString()),
                List.of());
        storage.awaitReady();
        String storageUrl = storage.url("");
        AppProcess location = start("location", Map.of("STORAGE_URL", storageUrl), List.of());
        AppProcess normalizer = start("normalizer", Map.of("STORAGE_URL", storageUrl), List.of());
        location.awaitReady();
        normalizer.awaitReady();

        for (AppProcess p : List.of(normalizer, location, storage)) {
            assertEquals(200, p.get("/q/health/live").statusCode(), p.role);
            // -1 when still running after the ceiling; how fast roles stop is measured by bench/, not asserted here.
            assertEquals(0, p.terminate(Waits.ceiling()), p.role + " exit code after SIGTERM (see " + p.log + ")");
        }
    }

    @Test
    void locationLoadsNeitherAKubernetesNorARegistryClient() throws Exception {
        AppProcess storage = start(
                "storage",
                Map.of(
                        "STORAGE_TYPE",
                        "File",
                        "STORAGE_DIR",
                        tmp.resolve("data").toString()),
                List.of());
        storage.awaitReady();
        Path classes = tmp.resolve("location-classes.log");
        AppProcess location = start(
                "location", Map.of("STORAGE_URL", storage.url("")), List.of("-Xlog:class+load=info:file=" + classes));
        location.awaitReady();
        assertEquals(200, location.get("/list").statusCode());
        String loaded = Files.readString(classes);
        assertTrue(loaded.contains("io.modelcatalogbridge.role.LocationRole"), "the class-loading log works (control)");
        assertFalse(loaded.contains(K8S_CLIENT), "location created a Kubernetes client");
        assertFalse(loaded.contains(KFMR_CLIENT), "location loaded the registry client");
    }

    @Test
    void storageOnConfigMapsDoesCreateTheKubernetesClient() throws Exception {
        // Control for the test above: the same check sees the client when a role really creates it.
        Path kubeconfig = tmp.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "http://127.0.0.1:1"}}]
                contexts: [{name: c, context: {cluster: c, user: u, namespace: bridge}}]
                current-context: c
                users: [{name: u, user: {token: not-a-real-token}}]
                """);
        Path classes = tmp.resolve("storage-classes.log");
        start(
                "storage",
                Map.of("STORAGE_TYPE", "ConfigMap", "KUBECONFIG", kubeconfig.toString()),
                List.of("-Xlog:class+load=info:file=" + classes));
        Waits.await("storage loads the Kubernetes client", Duration.ofSeconds(60))
                .until(() -> Files.exists(classes) && Files.readString(classes).contains(K8S_CLIENT));
    }

    private AppProcess start(String role, Map<String, String> env, List<String> jvmArgs) throws Exception {
        AppProcess p = AppProcess.start(role, AppProcess.freePort(), env, tmp.resolve(role + ".log"), jvmArgs);
        started.add(p);
        return p;
    }
}
