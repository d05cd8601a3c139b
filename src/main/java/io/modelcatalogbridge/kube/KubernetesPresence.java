package io.modelcatalogbridge.kube;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether this process has Kubernetes configuration at all: an in-cluster service account, a kubeconfig that
 * exists, {@code ~/.kube/config}, or the RHDH sidecar variables ({@code KUBERNETES_SERVICE_HOST} + {@code token}).
 * Decides the default storage backend and whether the normalizer discovers Routes and watches KServe. A
 * {@code KUBECONFIG} naming missing files does not count: the client would have nothing to connect with.
 */
public final class KubernetesPresence {

    private KubernetesPresence() {}

    public static boolean configured(
            Optional<String> kubeconfig,
            Optional<String> serviceHost,
            Optional<String> sidecarToken,
            Path serviceAccountToken,
            Path home) {
        return Files.isReadable(serviceAccountToken)
                || kubeconfigReadable(kubeconfig)
                || (nonBlank(serviceHost) && nonBlank(sidecarToken))
                || Files.isReadable(home.resolve(".kube").resolve("config"));
    }

    /**
     * {@code KUBECONFIG} is a path list; one readable regular file is enough. A stale variable (a deleted file, a path
     * from another machine) must not switch Kubernetes on: syncs would wait on an unreachable API server.
     */
    public static boolean kubeconfigReadable(Optional<String> kubeconfig) {
        return kubeconfig
                .filter(k -> !k.isBlank())
                .map(k -> {
                    for (String part : k.split(File.pathSeparator)) {
                        Path file = Path.of(part.strip());
                        if (!part.isBlank() && Files.isRegularFile(file) && Files.isReadable(file)) {
                            return true;
                        }
                    }
                    return false;
                })
                .orElse(false);
    }

    private static boolean nonBlank(Optional<String> s) {
        return s.filter(v -> !v.isBlank()).isPresent();
    }
}
