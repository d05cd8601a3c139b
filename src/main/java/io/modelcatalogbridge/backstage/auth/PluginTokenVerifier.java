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
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

/**
 * Checks the bearer tokens a Backstage backend plugin sends to another service: an ES256-signed JWT with header
 * {@code typ: vnd.backstage.plugin}, an audience naming the target (for RHDH's model-catalog module: its provider
 * id) and an expiry, signed by a key published in the caller's JWKS
 * ({@code {backstage}/api/catalog/.backstage/auth/v1/jwks.json}).
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
    private static final Duration DEFAULT_REFRESH_REPRIEVE = Duration.ofSeconds(1);
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
        this(jwksUrl, audience, clock, DEFAULT_REFRESH_REPRIEVE);
    }

    /**
     * @param refreshReprieve shortest time between two JWKS reads triggered by unknown key ids (bounds the load a
     *                        caller sending made-up kids can cause)
     */
    PluginTokenVerifier(URI jwksUrl, String audience, Clock clock, Duration refreshReprieve) {
        Objects.requireNonNull(jwksUrl, "jwksUrl");
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("a plugin token audience (provider id) is required");
        }
        this.audience = audience;
        this.clock = Objects.requireNonNull(clock, "clock");
        HttpsJwks jwks = new HttpsJwks(jwksUrl.toString());
        // Backstage serves its JWKS without cache headers; re-read it every 10 minutes at most, and on unknown kids.
        jwks.setDefaultCacheDuration(Duration.ofMinutes(10).toSeconds());
        jwks.setRefreshReprieveThreshold(refreshReprieve.toMillis());
        this.consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(jwks))
                .setJwsAlgorithmConstraints(
                        ConstraintType.PERMIT, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
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

    /**
     * Whether {@link #verify} answers this token from memory (it verified before): no signature check and no JWKS
     * read, so a caller on an I/O thread may call it directly.
     */
    public boolean remembers(String token) {
        return token != null && verified.containsKey(token);
    }

    /** Verifies one compact JWT; may read the JWKS over the network (see {@link #remembers}). */
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

    /**
     * A fixed phrase per failed check. jose4j's own messages quote the whole token, which must never reach a log.
     */
    private static String reasonOf(InvalidJwtException e) {
        if (e.hasExpired()) {
            return "token expired";
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return "wrong audience";
        }
        if (e.hasErrorCode(ErrorCodes.TYPE_INVALID) || e.hasErrorCode(ErrorCodes.TYPE_MISSING)) {
            return "not a Backstage plugin token (typ)";
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
            return "no expiry";
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return "bad signature";
        }
        return "invalid token (unknown key, disallowed algorithm or malformed)";
    }
}
