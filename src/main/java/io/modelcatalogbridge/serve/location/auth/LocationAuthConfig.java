package io.modelcatalogbridge.serve.location.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Authentication of callers of the location role (see {@code docs/configuration-location.md}). */
@ConfigMapping(prefix = "bridge.location.auth")
public interface LocationAuthConfig {

    /**
     * JWKS URL of the Backstage plugin whose tokens are accepted ({@code BACKSTAGE_JWKS_URL}), e.g.
     * {@code http://backstage:7007/api/catalog/.backstage/auth/v1/jwks.json}. Unset: plugin tokens are
     * not accepted.
     */
    Optional<String> jwksUrl();

    /**
     * Expected {@code aud} of plugin tokens: the id of the model-catalog provider in Backstage's
     * {@code catalog.providers.modelCatalog.<id>} ({@code MODEL_CATALOG_PROVIDER_ID}). Required with
     * {@link #jwksUrl()}.
     */
    Optional<String> audience();

    /**
     * Static bearer token ({@code BRIDGE_TOKEN}) accepted for reads and required for storage's pushes
     * ({@code /upsert}, {@code /remove}). Unset: pushes need no token when no JWKS is configured either, and are
     * refused when one is.
     */
    Optional<String> staticToken();

    /**
     * Longest accepted time between now and a plugin token's expiry ({@code BACKSTAGE_TOKEN_MAX_LIFETIME}):
     * Backstage's plugin tokens live one hour; a token valid for years is refused.
     */
    @WithDefault("2h")
    Duration maxTokenLifetime();

    /** Whether model cards are readable without a token (Backstage's TechDocs URL reader sends none). */
    @WithDefault("true")
    boolean openModelCards();
}
