package io.modelcatalogbridge.backstage.auth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

/**
 * Checks the bearer tokens a Backstage backend plugin sends to another service: an ES256-signed JWT with header
 * {@code typ: vnd.backstage.plugin}, an audience naming the target (for RHDH's model-catalog module: its provider
 * id) and an expiry, signed by a key published in the caller's JWKS
 * ({@code {backstage}/api/catalog/.well-known/backstage/auth/v1/jwks.json}).
 *
 * <p>Keys are fetched lazily and cached by jose4j's {@link HttpsJwks}; a token naming a key id the cache does not
 * hold triggers one refresh (Backstage rotates its plugin keys). Tokens that verified are remembered until they
 * expire, because the module sends the same token on every request of a poll (one {@code /list} plus one fetch per
 * document), and checking an ES256 signature 10,000 times per poll would be wasted work.
 */
public final class PluginTokenVerifier {

    /** JWT header {@code typ} of Backstage plugin tokens. */
    public static final String TOKEN_TYPE = "vnd.backstage.plugin";

    private static final int CACHE_LIMIT = 1024;
    private static final int CLOCK_SKEW_SECONDS = 30;

    private final String audience;
    private final JwtConsumer consumer;
    private final Clock clock;
    private final Map<String, Long> verified = new ConcurrentHashMap<>();

    /**
     * @param jwksUrl  the JWKS of the calling Backstage plugin
     * @param audience the expected {@code aud}
     * @param clock    time source for expiry checks
     */
    public PluginTokenVerifier(URI jwksUrl, String audience, Clock clock) {
        Objects.requireNonNull(jwksUrl, "jwksUrl");
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("a plugin token audience (provider id) is required");
        }
        this.audience = audience;
        this.clock = Objects.requireNonNull(clock, "clock");
        HttpsJwks jwks = new HttpsJwks(jwksUrl.toString());
        // Backstage serves its JWKS without cache headers; re-read it every 10 minutes at most, and on unknown kids.
        jwks.setDefaultCacheDuration(Duration.ofMinutes(10).toSeconds());
        this.consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(jwks))
                .setJwsAlgorithmConstraints(ConstraintType.PERMIT, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setExpectedType(true, TOKEN_TYPE)
                .setExpectedAudience(audience)
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .build();
    }

    public String audience() {
        return audience;
    }

    /** Outcome of a check: the token's subject, or why it was refused (never containing the token). */
    public record Result(boolean valid, String subject, String reason) {
        static Result accepted(String subject) {
            return new Result(true, subject, null);
        }

        static Result refused(String reason) {
            return new Result(false, null, reason);
        }
    }

    /** Verifies one compact JWT. */
    public Result verify(String token) {
        if (token == null || token.isBlank()) {
            return Result.refused("no token");
        }
        long now = clock.millis();
        Long expiry = verified.get(token);
        if (expiry != null) {
            if (expiry > now) {
                return Result.accepted(null);
            }
            verified.remove(token);
            return Result.refused("token expired");
        }
        try {
            JwtClaims claims = consumer.processToClaims(token);
            long exp = claims.getExpirationTime().getValueInMillis();
            // jose4j evaluates expiry against the system clock; the injected clock is the one this class answers to.
            if (exp + CLOCK_SKEW_SECONDS * 1000L <= now) {
                return Result.refused("token expired");
            }
            remember(token, exp + CLOCK_SKEW_SECONDS * 1000L);
            return Result.accepted(claims.getSubject());
        } catch (InvalidJwtException e) {
            return Result.refused(reasonOf(e));
        } catch (MalformedClaimException e) {
            return Result.refused("malformed claims");
        }
    }

    private void remember(String token, long until) {
        if (verified.size() >= CACHE_LIMIT) {
            // Plugin tokens live one hour and a Backstage sends a handful at a time; a full cache means churn,
            // so start over rather than track recency.
            verified.clear();
        }
        verified.put(token, until);
    }

    private static String reasonOf(InvalidJwtException e) {
        if (e.hasExpired()) {
            return "token expired";
        }
        var details = e.getErrorDetails();
        if (details == null || details.isEmpty()) {
            return "invalid token";
        }
        // jose4j's messages describe the failed check (audience, signature, algorithm); the last one is the
        // most specific. They quote claims but never the token itself.
        String message = details.get(details.size() - 1).getErrorMessage();
        return message == null ? "invalid token" : message;
    }
}
