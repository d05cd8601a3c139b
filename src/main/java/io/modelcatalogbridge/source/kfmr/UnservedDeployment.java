package io.modelcatalogbridge.source.kfmr;

import java.util.Locale;

/**
 * A registry deployment (a {@code DEPLOYED} inference service) of a live version that does not become a model server:
 * the document lists the model only, and RHDH's module makes no entity of it. Reported so an operator sees why a
 * deployment is missing from the catalog.
 *
 * @param registryId         the registry
 * @param model              registered model name
 * @param version            model version name
 * @param versionId          model version id
 * @param inferenceServiceId the registry's inference service id
 * @param namespace          the deployment's namespace (serving environment), or {@code null} when unknown
 * @param name               the InferenceService name, or {@code null} when unknown
 * @param reason             why there is no model server
 */
public record UnservedDeployment(
        String registryId,
        String model,
        String version,
        String versionId,
        String inferenceServiceId,
        String namespace,
        String name,
        Reason reason) {

    /** Why a deployment gives no model server; {@link #label()} is the metric label. */
    public enum Reason {
        /** Neither the registry ({@code url} property) nor KServe knows a URL. */
        NO_URL,
        /** The KServe InferenceService exists but is not Ready. */
        NOT_READY,
        /** The KServe InferenceService is stopped (scaled to zero on purpose). */
        STOPPED;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** {@code <namespace>/<name>}, or what is known of it. */
    public String deployment() {
        return (namespace == null ? "?" : namespace) + "/" + (name == null ? "?" : name);
    }

    /** One line for the log: model, version and why. */
    public String message() {
        String why = switch (reason) {
            case NO_URL ->
                "the registry has no 'url' for inference service " + inferenceServiceId
                        + " and no KServe InferenceService " + deployment() + " gives one";
            case NOT_READY -> "KServe InferenceService " + deployment() + " is not Ready";
            case STOPPED -> "KServe InferenceService " + deployment() + " is stopped";
        };
        return "registry " + registryId + ": " + model + "/" + version + " (version id " + versionId
                + ") is deployed but has no model server, so Developer Hub shows no entity for it: " + why;
    }
}
