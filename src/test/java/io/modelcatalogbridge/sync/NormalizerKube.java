package io.modelcatalogbridge.sync;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Kubernetes objects of the normalizer tests, read from fixture files and created in the mock server. */
final class NormalizerKube {

    static final ResourceDefinitionContext ISVC =
            context("serving.kserve.io", "v1beta1", "InferenceService", "inferenceservices");
    static final ResourceDefinitionContext LLM =
            context("serving.kserve.io", "v1alpha1", "LLMInferenceService", "llminferenceservices");
    static final ResourceDefinitionContext ROUTE = context("route.openshift.io", "v1", "Route", "routes");

    private NormalizerKube() {}

    static ResourceDefinitionContext context(String group, String version, String kind, String plural) {
        return new ResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion(version)
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(true)
                .build();
    }

    static void ensureCrd(KubernetesClient client, String plural, String kind, String version) {
        String name = plural + ".serving.kserve.io";
        if (client.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName(name)
                        .get()
                != null) {
            return;
        }
        CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withGroup("serving.kserve.io")
                .withScope("Namespaced")
                .withNewNames()
                .withKind(kind)
                .withPlural(plural)
                .endNames()
                .addNewVersion()
                .withName(version)
                .withServed(true)
                .withStorage(true)
                .endVersion()
                .endSpec()
                .build();
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    }

    /** An InferenceService of the example snapshot ({@code mnist-v1} or {@code fraud-scorer}), renamed. */
    @SuppressWarnings("unchecked")
    static GenericKubernetesResource exampleIsvc(String name, String namespace, String newName) {
        try {
            Map<String, Object> list = Serialization.jsonMapper()
                    .readValue(
                            Files.readString(Path.of("examples/registry-snapshot/kserve/inferenceservices.json")),
                            Map.class);
            for (Object item : (List<Object>) list.get("items")) {
                GenericKubernetesResource r =
                        Serialization.jsonMapper().convertValue(item, GenericKubernetesResource.class);
                if (r.getMetadata().getName().equals(name)) {
                    r.getMetadata().setName(newName);
                    r.getMetadata().setNamespace(namespace);
                    r.getMetadata().setResourceVersion(null);
                    r.getMetadata().setFinalizers(null);
                    return r;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no InferenceService " + name + " in the example snapshot");
    }

    static GenericKubernetesResource fixture(String file) {
        try (InputStream in = NormalizerKube.class.getResourceAsStream("/fixtures/normalizer/" + file)) {
            return Serialization.unmarshal(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8), GenericKubernetesResource.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A registry Route (labelled as the operator does) pointing at {@code host}. */
    static GenericKubernetesResource registryRoute(String registry, String host) {
        try (InputStream in = NormalizerKube.class.getResourceAsStream("/fixtures/normalizer/route-registry.json")) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("REGISTRY", registry)
                    .replace("HOST", host);
            return Serialization.unmarshal(json, GenericKubernetesResource.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
