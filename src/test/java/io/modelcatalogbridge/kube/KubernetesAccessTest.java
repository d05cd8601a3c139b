package io.modelcatalogbridge.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the normalizer decides that Kubernetes is configured. Found by {@code FullChainIT}: a {@code KUBECONFIG}
 * naming a file that does not exist switched Kubernetes on, so every full sync waited ~60 s on an unreachable API
 * server and, incomplete, never pruned an archived model.
 */
class KubernetesAccessTest {

    @TempDir
    Path dir;

    @Test
    void kubeconfigNamingNoFileIsNoKubernetes() {
        KubernetesAccess access =
                access(Optional.of(dir.resolve("no-such-kubeconfig").toString()));

        assertFalse(access.present());
        // Decided without ever asking for a client (the Instance is null: asking would fail).
        assertEquals(Optional.empty(), access.client());
    }

    @Test
    void kubeconfigNamingAFileIsKubernetes() throws Exception {
        Path file = Files.writeString(dir.resolve("config"), "apiVersion: v1\nkind: Config\n");

        assertTrue(access(Optional.of(file.toString())).present());
    }

    @Test
    void aPathListCountsWhenOneEntryExists() throws Exception {
        Path file = Files.writeString(dir.resolve("config"), "apiVersion: v1\nkind: Config\n");
        String list = dir.resolve("gone").toString() + File.pathSeparator + " " + file;

        assertTrue(KubernetesAccess.namesReadableFile(list));
        assertFalse(KubernetesAccess.namesReadableFile(dir.resolve("gone") + File.pathSeparator));
        assertFalse(KubernetesAccess.namesReadableFile(dir.toString()), "a directory is not a kubeconfig");
    }

    @Test
    void homeKubeConfigStillCounts() throws Exception {
        Files.createDirectories(dir.resolve(".kube"));
        Files.writeString(dir.resolve(".kube/config"), "apiVersion: v1\nkind: Config\n");

        assertTrue(access(Optional.empty()).present());
    }

    private KubernetesAccess access(Optional<String> kubeconfig) {
        KubernetesConfig config = new KubernetesConfig() {
            public Optional<String> kubeconfig() {
                return kubeconfig;
            }

            public Optional<String> serviceHost() {
                return Optional.empty();
            }

            public String servicePort() {
                return "443";
            }

            public Optional<String> sidecarToken() {
                return Optional.empty();
            }

            public Optional<String> sidecarCa() {
                return Optional.empty();
            }

            public Path serviceAccountTokenFile() {
                return dir.resolve("no-service-account-token");
            }

            public Path home() {
                return dir;
            }
        };
        return new KubernetesAccess(null, config, Optional.empty(), Optional.empty(), "auto");
    }
}
