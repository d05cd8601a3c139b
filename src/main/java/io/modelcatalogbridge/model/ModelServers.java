package io.modelcatalogbridge.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** Builds the {@code modelServer} of a document from deployment facts and the well-known values. */
public final class ModelServers {
    public static final String ANNOTATION_INTERNAL_URL = "rhdh.modelcatalog.io/internal-service-url";
    public static final String ANNOTATION_EXTERNAL_URL = "rhdh.modelcatalog.io/external-route-url";
    /**
     * Server annotations of RHDH's connector contract: the catalog module reads them as overrides and removes them
     * from the entity.
     */
    public static final List<String> RHDH_OVERRIDE_ANNOTATIONS = List.of(
            "rhdh.io/system",
            "rhdh.io/serverType",
            "rhdh.io/default",
            "rhdh.io/owner",
            "rhdh.io/lifecycle",
            "rhdh.io/api-entity-ref");

    private ModelServers() {}

    /**
     * The server, or empty when no URL is known: an empty {@code API.url} fails Backstage entity validation in the
     * catalog modules, so a server without one is left out and the document lists the model only.
     */
    public static Optional<ModelServer> build(
            ServerFacts facts, WellKnownValues values, String owner, String lifecycle) {
        // Cleaned before the check: a URL of nothing but control characters is no URL.
        String url = Text.clean(facts.url());
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        SortedMap<String, String> apiAnnotations = new TreeMap<>();
        if (facts.internalUrl() != null) {
            apiAnnotations.put(ANNOTATION_INTERNAL_URL, facts.internalUrl());
        }
        if (facts.externalUrl() != null) {
            apiAnnotations.put(ANNOTATION_EXTERNAL_URL, facts.externalUrl());
        }
        ModelServerApi api =
                new ModelServerApi(url, values.apiType(), values.apiSpecOrDefault(), List.of(), apiAnnotations);
        List<String> tags = new ArrayList<>();
        facts.tagCandidates().forEach(c -> Tags.fromValue(c).ifPresent(tags::add));
        // The current catalog module names the API entity after the server, so the name must be unique per
        // deployment: namespace plus InferenceService name.
        String name = Names.sanitize(facts.namespace() + "-" + facts.deploymentName());
        return Optional.of(new ModelServer(
                name,
                owner,
                lifecycle,
                facts.description(),
                api,
                facts.authentication(),
                values.homepageURL(),
                Tags.normalize(tags),
                values.usage(),
                facts.annotations()));
    }
}
