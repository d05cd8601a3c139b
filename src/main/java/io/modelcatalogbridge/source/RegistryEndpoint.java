package io.modelcatalogbridge.source;

import java.util.Objects;

/**
 * One model registry to read.
 *
 * @param id     stable id: the route name without {@code -https}/{@code -http}/{@code -rest}, or the configured
 *               name; also the document-key qualifier when two registries share model names
 * @param url    registry root ({@code /api/model_registry/v1alpha3} is appended by the client)
 * @param origin where it was found ({@code route <ns>/<name>}, {@code MODEL_REGISTRY_URLS}), for logs
 */
public record RegistryEndpoint(String id, String url, String origin) {
    public RegistryEndpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(origin, "origin");
    }
}
