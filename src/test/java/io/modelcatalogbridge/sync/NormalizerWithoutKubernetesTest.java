package io.modelcatalogbridge.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.modelcatalogbridge.source.kserve.KServeWatcher;
import io.modelcatalogbridge.testing.Waits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No Kubernetes configuration at all (no service account, kubeconfig, sidecar variables or API URL): the
 * normalizer still syncs the URL-configured registry on its own schedule, with KServe watching off.
 */
@QuarkusTest
@TestProfile(NormalizerWithoutKubernetesTest.Profile.class)
class NormalizerWithoutKubernetesTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "app.role",
                    "normalizer",
                    "bridge.normalizer.polling-interval",
                    "300ms",
                    "bridge.kubernetes.home",
                    "/nonexistent-home",
                    "bridge.kubernetes.kubeconfig",
                    "",
                    "bridge.kubernetes.service-host",
                    "",
                    // set by the Kubernetes mock server of other test classes in this JVM
                    "kubernetes.master",
                    "",
                    "quarkus.kubernetes-client.api-server-url",
                    "");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(NormalizerTestResource.class));
        }
    }

    @Inject
    KServeWatcher kserve;

    @Test
    void urlConfiguredRegistriesAreSyncedEveryPollingInterval() {
        Waits.await().until(() -> NormalizerTestResource.storage.keys().equals(NormalizerFixtures.BASELINE_KEYS));
        assertFalse(kserve.enabled());
        NormalizerTestResource.registry.archiveRegisteredModel("10");
        Waits.await().until(() -> !NormalizerTestResource.storage.keys().contains("credit-risk_v2"));
        assertEquals(3, NormalizerTestResource.storage.keys().size());
    }
}
