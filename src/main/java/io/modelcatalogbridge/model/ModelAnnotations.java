package io.modelcatalogbridge.model;

import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** The annotations every model carries, for both generations of the RHDH catalog module. */
public final class ModelAnnotations {
    /** The name the model server answers to (the InferenceService name), read by RHDH's model views. */
    public static final String MODEL_NAME = "rhdh.modelcatalog.io/model-name";
    /** Go-era key, exact case: an absolute URL; modules 0.4–0.6 crash when it is missing. */
    public static final String TECHDOCS_ABSOLUTE = "TechDocs";
    /** Current-era key (module ≥ 0.11): a path under the location base URL, or an absolute URL. */
    public static final String TECHDOCS_PATH = "techdocs";

    private ModelAnnotations() {}

    /**
     * @param servedName  the name the server answers to
     * @param techDocsUrl the http(s) {@code TechDocs} property, or {@code null}
     * @param card        the model card, when one is known
     * @param settings    gives the location base URL for the absolute card URL
     */
    public static SortedMap<String, String> of(
            String servedName, String techDocsUrl, Optional<ModelCard> card, MappingSettings settings) {
        SortedMap<String, String> a = new TreeMap<>();
        a.put(MODEL_NAME, servedName);
        String absolute = "";
        if (techDocsUrl != null) {
            absolute = techDocsUrl;
        } else if (card.isPresent() && settings.locationBaseUrl() != null) {
            absolute = settings.locationBaseUrl() + card.get().path();
        }
        a.put(TECHDOCS_ABSOLUTE, absolute);
        // An explicit TechDocs property is the owner's choice and wins over the card for both keys.
        if (techDocsUrl != null) {
            a.put(TECHDOCS_PATH, techDocsUrl);
        } else if (card.isPresent()) {
            a.put(TECHDOCS_PATH, card.get().path());
        }
        return a;
    }
}
