package io.modelcatalogbridge.source.snapshot;

import io.modelcatalogbridge.source.kfmr.KfmrException;
import java.util.Comparator;
import java.util.Objects;

/**
 * File names of a registry snapshot directory: KFMR REST responses stored under the API's own paths (relative to
 * {@code /api/model_registry/v1alpha3}), catalog models under the catalog API's path, KServe objects as
 * Kubernetes JSON lists.
 */
final class SnapshotLayout {

    static final String REGISTRY = "registry.json";
    static final String REGISTERED_MODELS = "registered_models.json";
    static final String REGISTERED_MODELS_DIR = "registered_models";
    static final String VERSIONS = "versions.json";
    static final String MODEL_VERSIONS_DIR = "model_versions";
    static final String ARTIFACTS = "artifacts.json";
    static final String INFERENCE_SERVICES = "inference_services.json";
    static final String SERVING_ENVIRONMENTS = "serving_environments.json";
    static final String CATALOG_SOURCES_DIR = "model_catalog/sources";
    static final String CATALOG_MODELS_DIR = "models";
    static final String KSERVE_DIR = "kserve";
    static final String KSERVE_ISVC = "inferenceservices.json";
    static final String KSERVE_LLMISVC = "llminferenceservices.json";
    static final String KSERVE_SERVICES = "services.json";
    static final String KSERVE_SERVICE_ACCOUNTS = "serviceaccounts.json";

    /** Registry ids are decimal strings; order them numerically, anything else after, by text. */
    static final Comparator<String> ID_ORDER =
            Comparator.nullsLast(Comparator.comparing((String id) -> !id.chars().allMatch(Character::isDigit))
                    .thenComparingInt(String::length)
                    .thenComparing(Comparator.naturalOrder()));

    private SnapshotLayout() {}

    /** An id or name segment used as a directory or file name; refuses what could escape the snapshot directory. */
    static String safeSegment(String segment, String what) {
        Objects.requireNonNull(segment, what);
        if (segment.isEmpty()
                || segment.equals(".")
                || segment.equals("..")
                || segment.contains("/")
                || segment.contains("\\")
                || segment.indexOf('\0') >= 0) {
            throw new KfmrException("cannot store " + what + " '" + segment + "' as a snapshot path segment");
        }
        return segment;
    }
}
