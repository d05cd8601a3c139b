package io.modelcatalogbridge.model;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The custom-property keys the bridge gives a meaning, as the dashboard and the Go bridge write them (each constant's
 * use is in {@link WellKnownValues}).
 * KServe annotations carry the same keys as {@code <prefix><key lower-cased, spaces removed>}.
 */
public final class WellKnownKeys {
    public static final String LICENSE = "License";
    public static final String PROVIDER = "Provider";
    public static final String REGISTERED_FROM = "Registered from";
    public static final String SOURCE_MODEL = "Source model";
    public static final String SOURCE_MODEL_VERSION = "Source model version";
    public static final String API_TYPE = "API Type";
    public static final String CATALOG_REPOSITORY_NAME = "_registeredFromCatalogRepositoryName";

    public static final String ETHICS = "Ethics";
    public static final String HOW_TO_USE = "How to use";
    public static final String SUPPORT = "Support";
    public static final String TRAINING = "Training";
    public static final String USAGE = "Usage";
    public static final String HOMEPAGE_URL = "Homepage URL";
    public static final String API_SPEC = "API Spec";
    public static final String TECHDOCS = "TechDocs";
    public static final String OWNER = "Owner";
    public static final String LIFECYCLE = "Lifecycle";
    /** Only meaningful as a KServe annotation; KFMR records have a real description field. */
    public static final String DESCRIPTION = "Description";

    /** Keys whose value (lower-cased, whitespace → {@code -}) becomes a tag when valid. */
    public static final List<String> TAG_KEYS = List.of(
            LICENSE, PROVIDER, REGISTERED_FROM, SOURCE_MODEL, SOURCE_MODEL_VERSION, API_TYPE, CATALOG_REPOSITORY_NAME);

    /** Keys that fill a document field; they never become {@code key-value} tags. */
    public static final Set<String> FIELD_KEYS = Set.of(
            ETHICS,
            HOW_TO_USE,
            SUPPORT,
            TRAINING,
            USAGE,
            HOMEPAGE_URL,
            API_SPEC,
            API_TYPE,
            LICENSE,
            TECHDOCS,
            OWNER,
            LIFECYCLE);

    /** Annotation prefixes for KServe-only deployments; the first one wins when both are set. */
    public static final List<String> ANNOTATION_PREFIXES =
            List.of("modelcatalogbridge.rhdh.io/", "model-catalog-bridge.ai.redhat.com/");

    private WellKnownKeys() {}

    /** Keys the dashboard writes for its own bookkeeping; hidden in its UI and never tags. */
    public static boolean isInternal(String key) {
        return "_lastModified".equals(key)
                || (key.startsWith("_registeredFrom") && !CATALOG_REPOSITORY_NAME.equals(key));
    }

    /** Whether a property is left out of the generic {@code key-value} tags (it has a meaning of its own). */
    public static boolean isNotGenericTag(String key) {
        return isInternal(key) || FIELD_KEYS.contains(key) || TAG_KEYS.contains(key);
    }

    /** The annotation name suffix for a key: {@code How to use} → {@code howtouse}. */
    public static String annotationSuffix(String key) {
        return key.toLowerCase(Locale.ROOT).replace(" ", "");
    }
}
