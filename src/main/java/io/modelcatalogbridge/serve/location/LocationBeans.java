package io.modelcatalogbridge.serve.location;

import io.modelcatalogbridge.backstage.auth.PluginTokenVerifier;
import io.modelcatalogbridge.serve.location.auth.LocationAccess;
import io.modelcatalogbridge.serve.location.auth.LocationAuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * Builds the location role's plain-Java pieces from configuration. Producers, not bean classes, so the pieces stay
 * free of CDI and unit-testable; they are created only when location's endpoints or role are first used.
 */
@ApplicationScoped
public class LocationBeans {

    @Produces
    @Singleton
    ReadModel readModel(LocationConfig config) {
        return new ReadModel(Clock.systemUTC(), config.removalGrace());
    }

    @Produces
    @Singleton
    LocationAccess locationAccess(LocationAuthConfig config) {
        return access(config);
    }

    /** The access rules for a configuration; fails with one line when the configuration is incomplete. */
    static LocationAccess access(LocationAuthConfig config) {
        Optional<String> jwks = config.jwksUrl().filter(s -> !s.isBlank());
        Optional<String> audience = config.audience().filter(s -> !s.isBlank());
        if (jwks.isPresent() && audience.isEmpty()) {
            throw new IllegalStateException("bridge.location.auth.jwks-url (BACKSTAGE_JWKS_URL) is set but "
                    + "bridge.location.auth.audience (MODEL_CATALOG_PROVIDER_ID) is not: plugin tokens are "
                    + "checked against the model-catalog provider id");
        }
        Optional<PluginTokenVerifier> verifier = jwks.map(url ->
                new PluginTokenVerifier(parse(url), audience.get(), Clock.systemUTC(), config.maxTokenLifetime()));
        return new LocationAccess(verifier, config.staticToken(), config.openModelCards());
    }

    private static URI parse(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "bridge.location.auth.jwks-url (BACKSTAGE_JWKS_URL) is not a valid URL: " + url);
        }
    }
}
