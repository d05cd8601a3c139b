package io.modelcatalogbridge.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the bridge under test is pointed at, and the environment of each role as a deployment would set it (the
 * Go bridge's variable names plus the new ones). A topology starts the roles with these; a single-process
 * topology merges the three maps (they only share {@code STORAGE_TOKEN} and the Kubernetes isolation).
 *
 * @param registryUrl     root of the stub model registry (also serves the model catalog)
 * @param registryToken   bearer token the registry requires ({@code KFMR_TOKEN})
 * @param jwksUrl         Backstage's JWKS for plugin tokens ({@code BACKSTAGE_JWKS_URL})
 * @param providerId      the model-catalog provider id ({@code MODEL_CATALOG_PROVIDER_ID}, JWT audience)
 * @param bridgeToken     location's static token ({@code BRIDGE_TOKEN}); storage pushes with it
 * @param storageToken    storage's token ({@code STORAGE_TOKEN})
 * @param pollingInterval {@code POLLING_INTERVAL}, a Go duration
 * @param pageSize        {@code KFMR_PAGE_SIZE}: small, so every list takes several pages
 * @param workDir         scratch directory: File storage, and a home without {@code .kube/config}
 * @param normalizerOverrides variables set on the normalizer last (e.g. a {@code KUBECONFIG} of a mock API
 *                        server, for a test that gives the normalizer Kubernetes)
 */
public record ChainSettings(
        String registryUrl,
        String registryToken,
        String jwksUrl,
        String providerId,
        String bridgeToken,
        String storageToken,
        String pollingInterval,
        int pageSize,
        Path workDir,
        Map<String, String> normalizerOverrides) {

    public ChainSettings {
        normalizerOverrides = Map.copyOf(normalizerOverrides);
    }

    /** Settings without Kubernetes for any role. */
    public ChainSettings(
            String registryUrl,
            String registryToken,
            String jwksUrl,
            String providerId,
            String bridgeToken,
            String storageToken,
            String pollingInterval,
            int pageSize,
            Path workDir) {
        this(
                registryUrl,
                registryToken,
                jwksUrl,
                providerId,
                bridgeToken,
                storageToken,
                pollingInterval,
                pageSize,
                workDir,
                Map.of());
    }

    public Map<String, String> storageEnv(String locationUrl) {
        Map<String, String> env = common();
        env.put("STORAGE_TYPE", "File");
        env.put("STORAGE_DIR", workDir.resolve("storage").toString());
        env.put("BRIDGE_URL", locationUrl);
        env.put("BRIDGE_TOKEN", bridgeToken);
        return env;
    }

    public Map<String, String> locationEnv(String storageUrl) {
        Map<String, String> env = common();
        env.put("STORAGE_URL", storageUrl);
        env.put("BACKSTAGE_JWKS_URL", jwksUrl);
        env.put("MODEL_CATALOG_PROVIDER_ID", providerId);
        env.put("BRIDGE_TOKEN", bridgeToken);
        return env;
    }

    public Map<String, String> normalizerEnv(String storageUrl, String locationUrl) {
        Map<String, String> env = common();
        env.put("MODEL_REGISTRY_URLS", ChainRegistry.REGISTRY_ID + "=" + registryUrl);
        env.put("MODEL_CATALOG_URL", registryUrl);
        env.put("KFMR_TOKEN", registryToken);
        env.put("KFMR_PAGE_SIZE", Integer.toString(pageSize));
        env.put("POLLING_INTERVAL", pollingInterval);
        env.put("STORAGE_URL", storageUrl);
        env.put("LOCATION_PUBLIC_URL", locationUrl);
        env.putAll(normalizerOverrides);
        return env;
    }

    /**
     * JVM options every role process gets: a home without {@code .kube/config} ({@code user.home} comes from the
     * password database, not from {@code HOME}, so it is set explicitly), a small heap (2 shared cores), and the
     * application's class archive ({@link AppClassArchive}).
     */
    public List<String> jvmOptions() {
        List<String> options = new ArrayList<>(ChildProcess.roleJvmOptions(workDir));
        options.addAll(AppClassArchive.jvmOptions());
        return options;
    }

    /** Every role: storage's token, and {@link ChildProcess#isolatedEnv}. */
    private Map<String, String> common() {
        Map<String, String> env = ChildProcess.isolatedEnv(workDir);
        env.put("STORAGE_TOKEN", storageToken);
        return env;
    }
}
