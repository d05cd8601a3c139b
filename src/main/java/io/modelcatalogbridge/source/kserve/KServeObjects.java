package io.modelcatalogbridge.source.kserve;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.util.List;

/**
 * The raw KServe-related Kubernetes objects one read saw: deployments plus the Services and ServiceAccounts that
 * belong to them. Turned into {@link KServeDeployment}s by a pure function.
 */
public record KServeObjects(
        List<GenericKubernetesResource> inferenceServices,
        List<GenericKubernetesResource> llmInferenceServices,
        List<Service> services,
        List<ServiceAccount> serviceAccounts) {

    public KServeObjects {
        inferenceServices = inferenceServices == null ? List.of() : List.copyOf(inferenceServices);
        llmInferenceServices = llmInferenceServices == null ? List.of() : List.copyOf(llmInferenceServices);
        services = services == null ? List.of() : List.copyOf(services);
        serviceAccounts = serviceAccounts == null ? List.of() : List.copyOf(serviceAccounts);
    }

    public static KServeObjects empty() {
        return new KServeObjects(List.of(), List.of(), List.of(), List.of());
    }
}
