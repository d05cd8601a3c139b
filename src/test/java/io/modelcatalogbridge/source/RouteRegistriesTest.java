package io.modelcatalogbridge.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteRegistriesTest {

    private static List<GenericKubernetesResource> routes(String file) throws IOException {
        try (InputStream in = RouteRegistriesTest.class.getResourceAsStream("/fixtures/normalizer/" + file)) {
            var list = Serialization.unmarshal(in, GenericKubernetesResourceList.class);
            return list.getItems();
        }
    }

    @Test
    void httpAndHttpsRoutesOfOneRegistryCountOnceAndTheCatalogIsFound() throws IOException {
        RouteRegistries.Found found = RouteRegistries.classify(routes("routes-discovery.json"));
        assertEquals(
                List.of(
                        new RegistryEndpoint(
                                "modelregistry-public",
                                "https://modelregistry-public-rest.apps.example.com",
                                "route rhoai-model-registries/modelregistry-public-https"),
                        new RegistryEndpoint(
                                "team-registry",
                                "http://team-registry-rest.apps.example.com",
                                "route rhoai-model-registries/team-registry-http"),
                        new RegistryEndpoint(
                                "zz-other:modelregistry-public",
                                "https://modelregistry-public-rest.other.example.com",
                                "route zz-other/modelregistry-public-https")),
                found.registries());
        assertEquals(Optional.of("https://model-catalog.apps.example.com"), found.catalogUrl());
    }

    @Test
    void registryIdDropsTheExposureSuffix() {
        assertEquals("modelregistry-public", RouteRegistries.registryId("modelregistry-public-https"));
        assertEquals("modelregistry-public", RouteRegistries.registryId("modelregistry-public-http"));
        assertEquals(
                "odh-model-registries-modelregistry-public",
                RouteRegistries.registryId("odh-model-registries-modelregistry-public-rest"));
        assertEquals("plain", RouteRegistries.registryId("plain"));
    }
}
