package io.modelcatalogbridge.sync;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The normalizer role with full syncs only on demand (tests trigger them) and fast retries. */
public class NormalizerTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "app.role",
                "normalizer",
                "bridge.normalizer.polling-interval",
                "1h",
                "bridge.kserve.watch",
                "auto",
                "quarkus.log.category.\"io.fabric8.mockwebserver\".level",
                "WARN");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(NormalizerTestResource.class));
    }
}
