package io.modelcatalogbridge.source.kserve;

import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the bridge needs to know about one KServe deployment ({@code InferenceService} or
 * {@code LLMInferenceService}), extracted from the Kubernetes objects by a pure function.
 *
 * @param kind          {@code InferenceService} or {@code LLMInferenceService}
 * @param namespace     namespace
 * @param name          object name
 * @param uid           object uid (KFMR names its inference service {@code <name>/<uid>})
 * @param labels        labels (carry the {@code modelregistry.opendatahub.io/*} ids)
 * @param annotations   annotations (carry the bridge's metadata overrides)
 * @param ready         all readiness conditions true and a URL known
 * @param stopped       the deployment is stopped ({@code serving.kserve.io/stop} or a {@code Stopped} condition)
 * @param externalUrl   {@code status.url}, or {@code null}
 * @param internalUrl   the cluster-internal URL ({@code status.address.url} or the predictor Service), or {@code null}
 * @param authRequired  token auth detected (owned ServiceAccount or {@code security.opendatahub.io/enable-auth})
 * @param modelFormat   {@code predictor.model.modelFormat.name} or the legacy framework name, or {@code null}
 * @param runtime       the ServingRuntime name, or {@code null}
 * @param storageUri    where the model weights come from, or {@code null}
 * @param lastUpdated   epoch ms of the newest change seen (creation or condition transition)
 */
public record KServeDeployment(
        String kind,
        String namespace,
        String name,
        String uid,
        SortedMap<String, String> labels,
        SortedMap<String, String> annotations,
        boolean ready,
        boolean stopped,
        String externalUrl,
        String internalUrl,
        boolean authRequired,
        String modelFormat,
        String runtime,
        String storageUri,
        long lastUpdated) {

    public static final String LABEL_REGISTERED_MODEL_ID = "modelregistry.opendatahub.io/registered-model-id";
    public static final String LABEL_MODEL_VERSION_ID = "modelregistry.opendatahub.io/model-version-id";
    public static final String LABEL_INFERENCE_SERVICE_ID = "modelregistry.opendatahub.io/inference-service-id";
    public static final String LABEL_REGISTRY_NAME = "modelregistry.opendatahub.io/name";
    public static final String LABEL_REGISTRY_NAMESPACE = "modelregistry.opendatahub.io/namespace";

    public KServeDeployment {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        labels = labels == null ? new TreeMap<>() : new TreeMap<>(labels);
        annotations = annotations == null ? new TreeMap<>() : new TreeMap<>(annotations);
    }

    /** Whether the model registry labels tie this deployment to a registered model. */
    public boolean isRegistryManaged() {
        return labels.containsKey(LABEL_REGISTERED_MODEL_ID)
                || labels.containsKey(LABEL_MODEL_VERSION_ID)
                || labels.containsKey(LABEL_INFERENCE_SERVICE_ID);
    }

    /** The URL clients should use: the external one when exposed, else the internal one. */
    public String preferredUrl() {
        return externalUrl != null ? externalUrl : internalUrl;
    }
}
