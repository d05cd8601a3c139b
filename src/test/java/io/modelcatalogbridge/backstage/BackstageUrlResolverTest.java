package io.modelcatalogbridge.backstage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** BKSTG_URL empty: Backstage is found through its OpenShift Route, as the Go bridge did. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class BackstageUrlResolverTest {

    @Inject
    KubernetesClient client;

    private void route(String ns, String name, String appName, String host, boolean tls) {
        GenericKubernetesResource r = new GenericKubernetesResourceBuilder()
                .withApiVersion("route.openshift.io/v1")
                .withKind("Route")
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .withLabels(Map.of("app.kubernetes.io/name", appName))
                .endMetadata()
                .withAdditionalProperties(Map.of(
                        "spec",
                        tls ? Map.of("host", host, "tls", Map.of("termination", "edge")) : Map.of("host", host)))
                .build();
        client.genericKubernetesResources(BackstageUrlResolver.ROUTES)
                .inNamespace(ns)
                .resource(r)
                .create();
    }

    @Test
    void findsTheRouteLabelledBackstage() {
        route("rhdh", "other", "grafana", "grafana.apps.example.com", true);
        route("rhdh", "developer-hub", "developer-hub-backstage", "hub.apps.example.com", true);
        BackstageUrlResolver resolver = new BackstageUrlResolver(Optional.empty(), () -> client, Optional.of("rhdh"));
        assertEquals(URI.create("https://hub.apps.example.com"), resolver.get());
    }

    @Test
    void configuredUrlWinsAndAMissingRouteIsARetryableError() {
        assertEquals(
                URI.create("http://bs:7007"),
                new BackstageUrlResolver(Optional.of("http://bs:7007"), () -> client, Optional.empty()).get());
        BackstageException e = assertThrows(
                BackstageException.class,
                () -> new BackstageUrlResolver(Optional.empty(), () -> client, Optional.of("empty-ns")).get());
        assertEquals(true, e.retryable());
    }

    @Test
    void aRouteNamespaceThatIsNoNamespaceNameIsRefusedUpFrontUnlessNoLookupIsNeeded() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new BackstageUrlResolver(Optional.empty(), () -> client, Optional.of("rhdh,team-b")));
        assertTrue(
                e.getMessage()
                        .startsWith("bridge.backstage.route-namespace (NAMESPACE / POD_NAMESPACE) is 'rhdh,team-b',"
                                + " which is not a Kubernetes namespace name"),
                e.getMessage());
        assertTrue(e.getMessage().contains("set BKSTG_URL"), e.getMessage());
        assertEquals(
                URI.create("http://bs:7007"),
                new BackstageUrlResolver(Optional.of("http://bs:7007"), () -> client, Optional.of("rhdh,team-b"))
                        .get());
    }
}
