package io.modelcatalogbridge.sync;

import io.modelcatalogbridge.testing.RecordingStorage;
import io.modelcatalogbridge.testing.StubModelRegistry;
import io.modelcatalogbridge.testing.Waits;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Starts what the normalizer talks to: the stub registry {@code modelregistry-public} (configured by URL, token
 * required, read from a token file), the model catalog (same stub) and a recording storage. Static because Quarkus
 * creates the resource before the test instance; one normalizer test class uses it at a time.
 */
public class NormalizerTestResource implements QuarkusTestResourceLifecycleManager {

    static final String REGISTRY_ID = "modelregistry-public";
    static final String TOKEN_A = "token-a";

    static StubModelRegistry registry;
    static RecordingStorage storage;
    static Path tokenFile;

    @Override
    public Map<String, String> start() {
        registry = StubModelRegistry.start(NormalizerFixtures.baseline(REGISTRY_ID));
        registry.requireToken(TOKEN_A);
        storage = RecordingStorage.start();
        try {
            tokenFile = Files.createTempDirectory("normalizer-token").resolve("token");
            Files.writeString(tokenFile, TOKEN_A + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.ofEntries(
                Map.entry("bridge.registry.urls", REGISTRY_ID + "=" + registry.url()),
                Map.entry("bridge.registry.catalog-url", registry.url()),
                Map.entry("bridge.registry.token", ""),
                Map.entry("bridge.registry.kubernetes-token", ""),
                Map.entry("bridge.registry.token-file", tokenFile.toString()),
                Map.entry("bridge.registry.page-size", "2"),
                Map.entry("bridge.registry.max-attempts", "2"),
                Map.entry("bridge.registry.initial-backoff", "10ms"),
                Map.entry("bridge.registry.request-timeout", Waits.config(Duration.ofSeconds(2))),
                Map.entry("bridge.registry.service-account-ca", "/nonexistent/ca.crt"),
                Map.entry("bridge.normalizer.storage-url", storage.url()));
    }

    @Override
    public void stop() {
        if (registry != null) {
            registry.close();
        }
        if (storage != null) {
            storage.close();
        }
    }
}
