package io.modelcatalogbridge.backstage.auth;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * Checks the bearer tokens a Backstage backend plugin sends to another service: an ES256-signed JWT with header
 * {@code typ: vnd.backstage.plugin}, an audience naming the target (for RHDH's model-catalog module: its provider
 * id) and an expiry, signed by a key published in the caller's JWKS
 * ({@code {backstage}/api/catalog/.backstage/auth/v1/jwks.json}).
 *
 * <p>Keys are fetched lazily and cached by jose4j's {@link HttpsJwks} (re-read every {@code keySetTtl}); a token
 * naming a key id the cache does not hold triggers one refresh (Backstage rotates its plugin keys). Tokens that
 * verified are remembered until they expire, because the module sends the same token on every request of a poll
 * (one {@code /list} plus one fetch per document), and checking an ES256 signature 10,000 times per poll would be
 * wasted work — but only while the key that signed them is still published: a key removed from the JWKS stops
 * verifying at the next refresh, remembered tokens included. A token whose expiry lies further ahead than {@code
 * maxLifetime} is refused (Backstage's plugin tokens live one hour; a 100-year token is a forgery or a leak). A JWKS
 * that cannot be read is logged as a WARN at most once a minute, and the last keys read stay in use for an hour.
 */
public final class PluginTokenVerifier {

    /** JWT header {@code typ} of Backstage plugin tokens. */
    public static final String TOKEN_TYPE = "vnd.backstage.plugin";

    /** Longest accepted remaining lifetime of a token, unless configured otherwise. */
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(2);

    private static final Logger LOG = Logger.getLogger(PluginTokenVerifier.class);
    private static final int CACHE_LIMIT = 1024;
    private static final Duration DEFAULT_REFRESH_REPRIEVE = Duration.ofSeconds(1);
    private static final Duration DEFAULT_KEY_SET_TTL = Duration.ofMinutes(10);
    private static final Duration KEEP_KEYS_ON_ERROR = Duration.ofHours(1);
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);
    private static final int CLOCK_SKEW_SECONDS = 30;

    private final String audience;
    private final HttpsJwks jwks;
    private final JwtConsumer consumer;
    private final Clock clock;
    private final Map<String, Remembered> verified = new ConcurrentHashMap<>();
    private final AtomicLong lastWarning = new AtomicLong(Long.MIN_VALUE);
    private final long keySetTtlMillis;
    private volatile Set<String> keyIds = Set.of();
    private volatile long keyIdsReadAt = Long.MIN_VALUE / 2;

    /** A token that verified: until when, and the id of the key that signed it. */
    private record Remembered(long until, String kid) {}

    /**
     * @param jwksUrl  the JWKS of the calling Backstage plugin
     * @param audience the expected {@code aud}
     * @param clock    time source for expiry checks
     */
    public PluginTokenVerifier(URI jwksUrl, String audience, Clock clock) {
        this(jwksUrl, audience, clock, DEFAULT_MAX_LIFETIME);
    }

    /** @param maxLifetime longest accepted time between now and a token's expiry */
    public PluginTokenVerifier(URI jwksUrl, String audience, Clock clock, Duration maxLifetime) {
        this(jwksUrl, audience, clock, maxLifetime, DEFAULT_REFRESH_REPRIEVE, DEFAULT_KEY_SET_TTL);
    }

    /**
     * @param refreshReprieve shortest time between two JWKS reads triggered by unknown key ids (bounds the load a
     *                        caller sending made-up kids can cause)
     * @param keySetTtl       how long a read JWKS is used before it is read again
     */
    PluginTokenVerifier(
            URI jwksUrl,
            String audience,
            Clock clock,
            Duration maxLifetime,
            Duration refreshReprieve,
            Duration keySetTtl) {
        Objects.requireNonNull(jwksUrl, "jwksUrl");
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("a plugin token audience (provider id) is required");
        }
        this.audience = audience;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keySetTtlMillis = keySetTtl.toMillis();
        this.jwks = new HttpsJwks(jwksUrl.toString());
        // Backstage serves its JWKS without cache headers; re-read it every keySetTtl, and on unknown kids.
        jwks.setDefaultCacheDuration(keySetTtl.toSeconds());
        jwks.setRefreshReprieveThreshold(refreshReprieve.toMillis());
        // A JWKS outage does not refuse every caller at once: the keys last read stay in use for a while.
        jwks.setRetainCacheOnErrorDuration(KEEP_KEYS_ON_ERROR.toSeconds());
        this.consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(jwks))
                .setJwsAlgorithmConstraints(
                        ConstraintType.PERMIT, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setExpectedType(true, TOKEN_TYPE)
                .setExpectedAudience(audience)
                .setRequireExpirationTime()
                .setMaxFutureValidityInMinutes((int) Math.max(1, maxLifetime.toMinutes()))
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
        return token != null && verified.containsKey(token) && keyIdsFresh();
    }

    /** Whether the key ids last read from the JWKS are recent enough to answer without reading it again. */
    private boolean keyIdsFresh() {
        return clock.millis() - keyIdsReadAt < keySetTtlMillis;
    }

    /** Verifies one compact JWT; may read the JWKS over the network (see {@link #remembers}). */
    public Result verify(String token) {
        if (token == null || token.isBlank()) {
            return Result.refused("no token");
        }
        long now = clock.millis();
        Remembered known = verified.get(token);
        if (known != null) {
            if (known.until() <= now) {
                verified.remove(token);
                return Result.refused("token expired");
            }
            if (stillPublished(known.kid())) {
                return Result.accepted(null);
            }
            verified.remove(token);
            return Result.refused("signing key no longer published");
        }
        try {
            JwtContext context = consumer.process(token);
            JwtClaims claims = context.getJwtClaims();
            long exp = claims.getExpirationTime().getValueInMillis();
            // jose4j evaluates expiry against the system clock; the injected clock is the one this class answers to.
            if (exp + CLOCK_SKEW_SECONDS * 1000L <= now) {
                return Result.refused("token expired");
            }
            String kid = context.getJoseObjects().get(0).getKeyIdHeaderValue();
            remember(token, new Remembered(exp + CLOCK_SKEW_SECONDS * 1000L, kid));
            if (!keyIdsFresh()) {
                try {
                    readKeyIds(); // the key set was just read to verify: jose4j answers from its cache
                } catch (IOException | JoseException e) {
                    warnUnreachable(e);
                }
            }
            return Result.accepted(claims.getSubject());
        } catch (InvalidJwtException e) {
            if (causedByIo(e)) {
                warnUnreachable(e);
                return Result.refused("JWKS unreachable");
            }
            return Result.refused(reasonOf(e));
        } catch (MalformedClaimException e) {
            return Result.refused("malformed claims");
        }
    }

    /**
     * Whether the JWKS still publishes the key with this id: from the ids last read while they are fresh (no I/O),
     * else after reading the key set again.
     */
    private boolean stillPublished(String kid) {
        if (!keyIdsFresh()) {
            try {
                readKeyIds();
            } catch (IOException | JoseException e) {
                warnUnreachable(e);
                return false;
            }
        }
        return keyIds.contains(kid);
    }

    private void readKeyIds() throws IOException, JoseException {
        Set<String> ids = new HashSet<>();
        for (JsonWebKey k : jwks.getJsonWebKeys()) {
            if (k.getKeyId() != null) {
                ids.add(k.getKeyId());
            }
        }
        keyIds = Set.copyOf(ids);
        keyIdsReadAt = clock.millis();
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** One WARN a minute at most: an outage must be visible without flooding the log at every request. */
    private void warnUnreachable(Throwable e) {
        long now = clock.millis();
        long last = lastWarning.get();
        if ((last == Long.MIN_VALUE || now - last >= WARN_EVERY.toMillis()) && lastWarning.compareAndSet(last, now)) {
            Throwable root = e;
            while (root.getCause() != null && !(root instanceof IOException)) {
                root = root.getCause();
            }
            LOG.warnf(
                    "cannot read the Backstage JWKS at %s (plugin tokens are refused until it answers): %s",
                    jwks.getLocation(), root.getClass().getSimpleName() + ": " + root.getMessage());
        }
    }

    private void remember(String token, Remembered until) {
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
        if (e.hasErrorCode(ErrorCodes.EXPIRATION_TOO_FAR_IN_FUTURE)) {
            return "token lives longer than the accepted maximum";
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
