package io.modelcatalogbridge.serve.location;

import io.modelcatalogbridge.backstage.auth.TestJwksResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test profiles of the location role: one per start-up situation and auth mode. */
public final class LocationProfiles {

    /** Static token of {@link WithAuth}. */
    public static final String STATIC_TOKEN = "static-token-for-tests";
    /** Provider id (JWT audience) of {@link WithAuth}. */
    public static final String PROVIDER_ID = "model-catalog-test";

    private LocationProfiles() {}

    static Map<String, String> base() {
        Map<String, String> m = new HashMap<>();
        m.put("app.role", "location");
        m.put("bridge.location.load-retry-min", "100ms");
        m.put("bridge.location.load-retry-max", "200ms");
        m.put("bridge.location.reconcile-interval", "500ms");
        return m;
    }

    /** No authentication; storage answers from the start. */
    public static class Open implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return base();
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StubStorageResource.class));
        }
    }

    /** Storage answers 503 until the test heals it. */
    public static class StorageDownAtStart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return base();
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StubStorageResource.class, Map.of("failing", "503")));
        }
    }

    /** Plugin tokens from a test JWKS and a static token. */
    public static class WithAuth implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> m = base();
            m.put("bridge.location.auth.static-token", STATIC_TOKEN);
            m.put("bridge.location.auth.audience", PROVIDER_ID);
            return m;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(
                    new TestResourceEntry(StubStorageResource.class), new TestResourceEntry(TestJwksResource.class));
        }
    }
}
