package io.modelcatalogbridge.sync;

import io.modelcatalogbridge.testing.RecordingStorage;
import io.modelcatalogbridge.testing.StubModelRegistry;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Two stub registries reached through the Routes named in {@code MR_ROUTE}, and a recording storage. */
public class RouteDiscoveryTestResource implements QuarkusTestResourceLifecycleManager {

    static StubModelRegistry alpha;
    static StubModelRegistry beta;
    static RecordingStorage storage;

    @Override
    public Map<String, String> start() {
        alpha = StubModelRegistry.start(NormalizerFixtures.baseline("alpha"));
        beta = StubModelRegistry.start(NormalizerFixtures.baseline("beta"));
        storage = RecordingStorage.start();
        return Map.of(
                "bridge.registry.routes",
                "rhoai-model-registries:alpha-https,beta-https",
                "bridge.registry.urls",
                "",
                "bridge.registry.token",
                "static-token",
                "bridge.registry.page-size",
                "2",
                "bridge.registry.service-account-ca",
                "/nonexistent/ca.crt",
                "bridge.normalizer.storage-url",
                storage.url());
    }

    @Override
    public void stop() {
        alpha.close();
        beta.close();
        storage.close();
    }
}
