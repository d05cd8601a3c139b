package io.modelcatalogbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.testing.AppProcess;
import io.modelcatalogbridge.testing.Waits;
import java.io.IOException;
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

        // Issue 11: storage listened with no token and said nothing. Each role with open write endpoints names them.
        assertTrue(
                Files.readString(storage.log)
                        .lines()
                        .anyMatch(l -> l.contains("WARN")
                                && l.contains("storage: POST /upsert, POST /upserts, POST /currentkeyset")
                                && l.contains("have no token (STORAGE_TOKEN)")),
                "storage's start-up WARN, see " + storage.log);
        assertTrue(
                Files.readString(location.log)
                        .lines()
                        .anyMatch(l -> l.contains("WARN")
                                && l.contains(
                                        "POST /upsert, POST /upserts and DELETE /remove have no token (BRIDGE_TOKEN)")),
                "location's start-up WARN, see " + location.log);

        for (AppProcess p : List.of(normalizer, location, storage)) {
            assertEquals(200, p.get("/q/health/live").statusCode(), p.role);
            // -1 when still running after the ceiling; how fast roles stop is measured by bench/, not asserted here.
            assertEquals(0, p.terminate(Waits.ceiling()), p.role + " exit code after SIGTERM (see " + p.log + ")");
        }
    }

    /**
     * Issue 11 (log noise): every readiness probe that answered "not ready" logged an INFO line (SmallRye Health's
     * "Reporting health down status"), one every few seconds for as long as a normalizer waits for storage. The role
     * now logs its readiness only when it changes.
     */
    @Test
    void readinessProbesDoNotLogAtInfoEachTime() throws Exception {
        AppProcess normalizer = start(
                "normalizer",
                Map.of(
                        "STORAGE_URL",
                        "http://127.0.0.1:1",
                        "KUBECONFIG",
                        tmp.resolve("none").toString()),
                List.of());
        Waits.await("normalizer live").until(() -> {
            try {
                return normalizer.get("/q/health/live").statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
        for (int i = 0; i < 5; i++) {
            assertEquals(503, normalizer.get("/q/health/ready").statusCode(), "never ready: storage is unreachable");
        }
        assertEquals(0, normalizer.terminate(Waits.ceiling()));
        String log = Files.readString(normalizer.log);
        assertFalse(log.contains("SRHCK01001"), log);
        assertEquals(
                1,
                log.lines().filter(l -> l.contains("normalizer is not ready")).count(),
                log);
    }

    /**
     * Issue 11: the storage role hands its API's grammar to the store's loader — a file put into the folder by hand
     * with a key the API refuses is not served, and the WARN says which file.
     */
    @Test
    void storageDoesNotServeAHandPutFileThatBreaksTheGrammar() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("hand-put"));
        Files.writeString(data.resolve("hand-put.json"), "{\"key\":\"a_b_c\",\"record\":{\"body\":\"e30=\"}}");
        AppProcess storage =
                start("storage", Map.of("STORAGE_TYPE", "File", "STORAGE_DIR", data.toString()), List.of());
        storage.awaitReady();
        var list = storage.get("/list");
        assertEquals(200, list.statusCode());
        assertFalse(list.body().contains("a_b_c"), list.body());
        String log = Files.readString(storage.log);
        assertTrue(log.contains("WARN") && log.contains("skipped hand-put.json"), log);
        assertTrue(Files.exists(data.resolve("hand-put.json")), "left where it is");
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
