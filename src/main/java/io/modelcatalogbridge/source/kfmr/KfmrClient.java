package io.modelcatalogbridge.source.kfmr;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * HTTP client for the KFMR REST API v1alpha3 and the model catalog API v1alpha1, on the JDK's
 * {@link java.net.HttpURLConnection} ({@link KfmrHttp}; no Quarkus needed, so the CLI and the normalizer share it). Every list call is paged: {@code pageSize},
 * {@code orderBy=ID}, {@code sortOrder=ASC} (both sent, because the MLMD backend defaulted to DESC) and
 * {@code nextPageToken} until it is empty. A list is returned only when every page was read.
 */
public final class KfmrClient {

    public static final String REGISTRY_API = "/api/model_registry/v1alpha3";
    public static final String CATALOG_API = "/api/model_catalog/v1alpha1";

    private final KfmrClientSettings settings;
    private final String registryApi;
    private final Optional<String> catalogApi;
    private final KfmrHttp http;
    private final PageMemo memos = new PageMemo();
    /** Fetches the pages of registry-wide lists ahead ({@link PagesAhead}); null with one request in flight. */
    private final Executor pagesAhead;

    public KfmrClient(KfmrClientSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.registryApi = apiRoot(settings.registryUrl(), REGISTRY_API);
        this.catalogApi = settings.catalogUrl().map(u -> apiRoot(u, CATALOG_API));
        checkUrl(registryApi);
        catalogApi.ifPresent(KfmrClient::checkUrl);
        this.http = new KfmrHttp(settings);
        this.pagesAhead =
                settings.maxConcurrentRequests() < 2 ? null : PagesAhead.pool(settings.maxConcurrentRequests());
    }

    private static void checkUrl(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
        } catch (IllegalArgumentException e) {
            throw new KfmrException("invalid registry URL " + url + ": " + e.getMessage());
        }
    }

    /** The registry API root, e.g. {@code https://host/api/model_registry/v1alpha3}. */
    public String registryApiUrl() {
        return registryApi;
    }

    /** The catalog API root, when a catalog is configured. */
    public Optional<String> catalogApiUrl() {
        return catalogApi;
    }

    public KfmrClientSettings settings() {
        return settings;
    }

    /**
     * Bounds the requests from now on (a sync sets them before each read): a deadline for the read and when a
     * waiting request is reported as slow.
     */
    public void limitTo(ReadBounds bounds) {
        http.limitTo(bounds);
    }

    /** {@code GET /registered_models}, all pages. */
    public List<RegisteredModel> listRegisteredModels() {
        return listAll("/registered_models", "/registered_models", RegisteredModel.class, true);
    }

    /** {@code GET /model_versions}: the versions of every registered model, all pages. */
    public List<ModelVersion> listModelVersions() {
        return listAll("/model_versions", "/model_versions", ModelVersion.class, true);
    }

    /** {@code GET /registered_models/{id}/versions}, all pages. */
    public List<ModelVersion> listModelVersions(String registeredModelId) {
        return listAll(
                "/registered_models/" + segment(registeredModelId) + "/versions",
                "/registered_models/{id}/versions",
                ModelVersion.class,
                false);
    }

    /**
     * {@code GET /model_versions/{id}/artifacts}, all pages; every artifact type (see
     * {@link ModelArtifact#isModelArtifact()}).
     */
    public List<ModelArtifact> listArtifacts(String modelVersionId) {
        return listAll(
                "/model_versions/" + segment(modelVersionId) + "/artifacts",
                "/model_versions/{id}/artifacts",
                ModelArtifact.class,
                false);
    }

    /** {@code GET /inference_services}, all pages. */
    public List<InferenceService> listInferenceServices() {
        return listAll("/inference_services", "/inference_services", InferenceService.class, true);
    }

    /** {@code GET /serving_environments}, all pages. */
    public List<ServingEnvironment> listServingEnvironments() {
        return listAll("/serving_environments", "/serving_environments", ServingEnvironment.class, true);
    }

    /**
     * {@code GET {catalog}/sources/{source_id}/models/{name}}; each segment of a {@code repo/model} name is escaped
     * separately so its {@code /} stays a path separator. A 404 gives empty (the model has no card).
     *
     * @throws IllegalStateException when no catalog URL is configured
     */
    public Optional<CatalogModel> getCatalogModel(String sourceId, String modelName) {
        String api = catalogApi.orElseThrow(() -> new IllegalStateException("no model catalog URL configured"));
        if (sourceId == null || sourceId.isBlank() || modelName == null || modelName.isBlank()) {
            throw new IllegalArgumentException("catalog source id and model name are required");
        }
        StringBuilder path = new StringBuilder(api)
                .append("/sources/")
                .append(segment(sourceId))
                .append("/models");
        for (String part : modelName.split("/", -1)) {
            path.append('/').append(segment(part));
        }
        URI uri = URI.create(path.toString());
        return http.get(uri, "/sources/{source_id}/models/{name}", true)
                .map(body -> KfmrJson.read(body, CatalogModel.class, KfmrHttp.display(uri)))
                .map(m -> m.sourceId() != null && m.name() != null ? m : withIdentity(m, sourceId, modelName));
    }

    /** HTTP requests sent so far (retries included) per path template, e.g. {@code /model_versions/{id}/artifacts}. */
    public Map<String, Long> requestCounts() {
        return http.requestCounts();
    }

    /** HTTP attempts so far per outcome: status code ({@code 200}, {@code 503}, …), {@code timeout} or {@code error}. */
    public Map<String, Long> requestOutcomes() {
        return http.outcomeCounts();
    }

    /**
     * Every page of a list.
     *
     * @param remember keep the pages of this read (see {@link PageMemo}): for the registry-wide lists every sync
     *                 reads again, not for the per-version ones
     */
    private <T> List<T> listAll(String path, String template, Class<T> itemType, boolean remember) {
        List<T> all = new ArrayList<>();
        Set<String> seenTokens = new HashSet<>();
        String token = null;
        int pages = 0;
        PageMemo.Reading<T> memo = remember ? memos.start(path) : null;
        // The pages after the first, asked for at once by the tokens of the last complete read (PagesAhead): with
        // one request in flight allowed, the chain below is all there is.
        try (PagesAhead ahead = memo == null || pagesAhead == null
                ? PagesAhead.none()
                : PagesAhead.start(
                        memo.lastTokens(),
                        pagesAhead,
                        t -> http.get(pageUri(path, t), template, false).orElseThrow())) {
            while (true) {
                URI uri = pageUri(path, token);
                byte[] body = (token == null ? Optional.<byte[]>empty() : ahead.take(token))
                        .orElseGet(() -> http.get(uri, template, false).orElseThrow());
                PagedList<T> page = memo == null
                        ? KfmrJson.readList(body, itemType, KfmrHttp.display(uri))
                        : memo.page(body, b -> KfmrJson.readList(b, itemType, KfmrHttp.display(uri)));
                pages++;
                for (T item : page.items()) {
                    if (item != null) {
                        all.add(item);
                    }
                }
                if (!page.hasNext()) {
                    if (memo != null) {
                        memo.complete();
                    }
                    return all;
                }
                if (!seenTokens.add(page.nextPageToken())) {
                    // A server that hands back a token it already gave would make us loop forever.
                    throw new KfmrException("model registry " + settings.registryUrl() + " returned a nextPageToken"
                            + " it had already returned for " + path + " (after " + pages
                            + " pages); its paging is broken");
                }
                token = page.nextPageToken();
            }
        }
    }

    private URI pageUri(String path, String pageToken) {
        return URI.create(registryApi + path + "?" + query(pageToken));
    }

    private String query(String pageToken) {
        String q = "pageSize=" + settings.pageSize() + "&orderBy=ID&sortOrder=ASC";
        return pageToken == null ? q : q + "&nextPageToken=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8);
    }

    /** Escapes one path segment (RFC 3986): spaces as {@code %20}, {@code /} and reserved characters encoded. */
    static String segment(String raw) {
        return URLEncoder.encode(Objects.requireNonNull(raw, "path segment"), StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    static String apiRoot(String url, String apiPath) {
        String root = url.strip();
        while (root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
        return root.endsWith(apiPath) ? root : root + apiPath;
    }

    /** Older catalogs omit {@code source_id}; fill it (and a missing name) from the request so cards can be matched. */
    private static CatalogModel withIdentity(CatalogModel m, String sourceId, String modelName) {
        return new CatalogModel(
                m.name() != null ? m.name() : modelName,
                m.sourceId() != null ? m.sourceId() : sourceId,
                m.description(),
                m.readme(),
                m.provider(),
                m.license(),
                m.licenseLink(),
                m.createTimeSinceEpoch(),
                m.lastUpdateTimeSinceEpoch());
    }
}
