package io.modelcatalogbridge.backstage.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.testing.AppProcess;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PluginTokenVerifierTest {

    private static final String AUDIENCE = "model-catalog";
    private static final Duration TTL = Duration.ofMinutes(10);

    private final TestJwks jwks = TestJwks.start();
    private final EllipticCurveJsonWebKey key = TestJwks.newKey("key-1");
    // No reprieve between refreshes: the rotation test refreshes right after the first read.
    private final PluginTokenVerifier verifier = new PluginTokenVerifier(
            jwks.url(), AUDIENCE, Clock.systemUTC(), PluginTokenVerifier.DEFAULT_MAX_LIFETIME, Duration.ZERO, TTL);

    @AfterEach
    void stop() {
        jwks.close();
    }

    @Test
    void acceptsABackstagePluginTokenForTheProvider() {
        jwks.publish(key);
        PluginTokenVerifier.Result r = verifier.verify(TestJwks.pluginToken(key, AUDIENCE, Duration.ofHours(1)));
        assertTrue(r.valid(), r.reason());
        assertEquals("catalog", r.subject());
    }

    @Test
    void refusesAnExpiredToken() {
        jwks.publish(key);
        String token = TestJwks.sign(
                key,
                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                PluginTokenVerifier.TOKEN_TYPE,
                AUDIENCE,
                Instant.now().minus(Duration.ofMinutes(5)));
        PluginTokenVerifier.Result r = verifier.verify(token);
        assertFalse(r.valid());
        assertEquals("token expired", r.reason());
    }

    @Test
    void refusesATokenForAnotherAudience() {
        jwks.publish(key);
        PluginTokenVerifier.Result r = verifier.verify(TestJwks.pluginToken(key, "other-plugin", Duration.ofHours(1)));
        assertFalse(r.valid());
        assertEquals("wrong audience", r.reason());
    }

    @Test
    void refusesAnotherAlgorithmEvenWithAPublishedKey() {
        var rsa = TestJwks.newRsaKey("rsa-1");
        jwks.publish(key, rsa);
        String token = TestJwks.sign(
                rsa,
                AlgorithmIdentifiers.RSA_USING_SHA256,
                PluginTokenVerifier.TOKEN_TYPE,
                AUDIENCE,
                Instant.now().plusSeconds(600));
        assertFalse(verifier.verify(token).valid());
    }

    @Test
    void refusesATokenWithoutThePluginType() {
        jwks.publish(key);
        String token = TestJwks.sign(
                key,
                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                "JWT",
                AUDIENCE,
                Instant.now().plusSeconds(600));
        assertFalse(verifier.verify(token).valid());
    }

    @Test
    void refusesATamperedToken() {
        jwks.publish(key);
        String token = TestJwks.pluginToken(key, AUDIENCE, Duration.ofHours(1));
        String[] parts = token.split("\\.");
        // Same header and signature, payload of another token with a different audience.
        String other = TestJwks.pluginToken(key, "admin", Duration.ofHours(1)).split("\\.")[1];
        PluginTokenVerifier.Result r = verifier.verify(parts[0] + "." + other + "." + parts[2]);
        assertFalse(r.valid());
        assertEquals("bad signature", r.reason());
    }

    @Test
    void refusesATokenSignedByAnUnpublishedKeyWithAKnownKid() {
        jwks.publish(key);
        EllipticCurveJsonWebKey impostor = TestJwks.newKey("key-1");
        assertFalse(verifier.verify(TestJwks.pluginToken(impostor, AUDIENCE, Duration.ofHours(1)))
                .valid());
    }

    @Test
    void refreshesTheKeySetWhenATokenNamesAnUnknownKid() {
        jwks.publish(key);
        assertTrue(verifier.verify(TestJwks.pluginToken(key, AUDIENCE, Duration.ofHours(1)))
                .valid());
        int before = jwks.requests();

        EllipticCurveJsonWebKey rotated = TestJwks.newKey("key-2");
        jwks.publish(key, rotated);
        PluginTokenVerifier.Result r = verifier.verify(TestJwks.pluginToken(rotated, AUDIENCE, Duration.ofHours(1)));

        assertTrue(r.valid(), r.reason());
        assertEquals(before + 1, jwks.requests(), "one refresh for the unknown kid");
    }

    @Test
    void cachesTheKeySetAcrossTokens() {
        jwks.publish(key);
        for (int i = 0; i < 5; i++) {
            assertTrue(verifier.verify(TestJwks.pluginToken(key, AUDIENCE, Duration.ofHours(1)))
                    .valid());
        }
        assertEquals(1, jwks.requests());
    }

    @Test
    void aRememberedTokenStillExpires() {
        jwks.publish(key);
        Instant now = Instant.now();
        MovableClock clock = new MovableClock(now);
        PluginTokenVerifier v = new PluginTokenVerifier(jwks.url(), AUDIENCE, clock);
        String token = TestJwks.pluginToken(key, AUDIENCE, Duration.ofMinutes(10));
        assertTrue(v.verify(token).valid());
        clock.now = now.plus(Duration.ofHours(1));
        assertFalse(v.verify(token).valid());
    }

    @Test
    void refusalReasonsNeverQuoteTheToken() {
        jwks.publish(key);
        String token = TestJwks.pluginToken(TestJwks.newKey("unknown"), AUDIENCE, Duration.ofHours(1));
        PluginTokenVerifier.Result r = verifier.verify(token);
        assertFalse(r.valid());
        assertFalse(r.reason().contains(token.split("\\.")[1]), r.reason());
    }

    @Test
    void refusesGarbageAndEmptyTokens() {
        jwks.publish(key);
        assertFalse(verifier.verify("not-a-jwt").valid());
        assertFalse(verifier.verify("").valid());
        assertFalse(verifier.verify(null).valid());
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void refusesATokenThatLivesLongerThanTheMaximum() {
        jwks.publish(key);
        PluginTokenVerifier.Result r =
                verifier.verify(TestJwks.pluginToken(key, AUDIENCE, Duration.ofDays(365L * 100)));
        assertFalse(r.valid());
        assertEquals("token lives longer than the accepted maximum", r.reason());
        assertTrue(
                verifier.verify(TestJwks.pluginToken(key, AUDIENCE, Duration.ofHours(1)))
                        .valid(),
                "Backstage's one-hour tokens pass");
    }

    @Test
    void aKeyRemovedFromTheJwksStopsVerifyingAtTheNextRefreshEvenForARememberedToken() {
        // The key set is re-read at every check (TTL 0), so "the next refresh" is the next request.
        PluginTokenVerifier v = new PluginTokenVerifier(
                jwks.url(),
                AUDIENCE,
                Clock.systemUTC(),
                PluginTokenVerifier.DEFAULT_MAX_LIFETIME,
                Duration.ZERO,
                Duration.ZERO);
        jwks.publish(key);
        String token = TestJwks.pluginToken(key, AUDIENCE, Duration.ofHours(1));
        assertTrue(v.verify(token).valid());
        assertTrue(v.verify(token).valid(), "remembered while its key is published");

        jwks.publish(TestJwks.newKey("key-2"));
        PluginTokenVerifier.Result r = v.verify(token);
        assertFalse(r.valid());
        assertEquals("signing key no longer published", r.reason());
        assertFalse(v.verify(token).valid(), "and it stays refused");
    }

    @Test
    void anUnreachableJwksIsLoggedOnceAMinuteAndRefusesWithAReason() {
        URI down = URI.create("http://127.0.0.1:" + AppProcess.freePort() + TestJwks.PATH);
        MovableClock clock = new MovableClock(Instant.now());
        PluginTokenVerifier v = new PluginTokenVerifier(
                down, AUDIENCE, clock, PluginTokenVerifier.DEFAULT_MAX_LIFETIME, Duration.ZERO, TTL);
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(String.valueOf(record.getMessage()));
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger logger = Logger.getLogger(PluginTokenVerifier.class.getName());
        logger.addHandler(capture);
        try {
            for (int i = 0; i < 5; i++) {
                PluginTokenVerifier.Result r = v.verify(TestJwks.pluginToken(key, AUDIENCE, Duration.ofHours(1)));
                assertFalse(r.valid());
                assertEquals("JWKS unreachable", r.reason());
            }
            assertEquals(1, warnings.size(), warnings.toString());
            clock.now = clock.now.plus(Duration.ofMinutes(2));
            assertFalse(v.verify(TestJwks.pluginToken(key, AUDIENCE, Duration.ofHours(1)))
                    .valid());
            assertEquals(2, warnings.size(), "one more a minute later: " + warnings);
        } finally {
            logger.removeHandler(capture);
        }
    }
}
