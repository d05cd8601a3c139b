package io.modelcatalogbridge.serve.location.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.backstage.auth.PluginTokenVerifier;
import io.modelcatalogbridge.backstage.auth.TestJwks;
import io.modelcatalogbridge.serve.location.auth.Access.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.junit.jupiter.api.Test;

class LocationAccessTest {

    private static final String TOKEN = "s3cret-static";

    @Test
    void withoutCredentialsEverythingIsAllowed() {
        LocationAccess open = new LocationAccess(Optional.empty(), Optional.empty(), true);
        assertFalse(open.enabled());
        for (Level level : Level.values()) {
            assertTrue(open.decide(level, null).allowed());
        }
    }

    @Test
    void aBlankStaticTokenCountsAsUnset() {
        assertFalse(new LocationAccess(Optional.empty(), Optional.of("  "), true).enabled());
    }

    @Test
    void theStaticTokenReadsAndWrites() {
        LocationAccess a = new LocationAccess(Optional.empty(), Optional.of(TOKEN), true);
        assertTrue(a.decide(Level.READ, "Bearer " + TOKEN).allowed());
        assertTrue(a.decide(Level.WRITE, "bearer " + TOKEN).allowed());
        assertFalse(a.decide(Level.READ, "Bearer " + TOKEN + "x").allowed());
        assertFalse(a.decide(Level.READ, TOKEN).allowed(), "scheme required");
        assertFalse(a.decide(Level.WRITE, null).allowed());
    }

    @Test
    void modelCardsAreOpenByDefaultAndClosableBySwitch() {
        assertTrue(new LocationAccess(Optional.empty(), Optional.of(TOKEN), true)
                .decide(Level.MODEL_CARD, null)
                .allowed());
        LocationAccess closed = new LocationAccess(Optional.empty(), Optional.of(TOKEN), false);
        assertFalse(closed.decide(Level.MODEL_CARD, null).allowed());
        assertTrue(closed.decide(Level.MODEL_CARD, "Bearer " + TOKEN).allowed());
    }

    @Test
    void describesTheModeWithoutTheToken() {
        String d = new LocationAccess(Optional.empty(), Optional.of(TOKEN), true).describe();
        assertFalse(d.contains(TOKEN), d);
    }

    @Test
    void inRunStoragesHandOverNeedsNoTokenAndTheLogSaysSo() {
        // Found in run with JWKS only: the log claimed storage's pushes were refused, but run hands over in process.
        LocationAccess jwksOnly = new LocationAccess(
                Optional.of(new PluginTokenVerifier(
                        URI.create("http://127.0.0.1:1/jwks.json"), "catalog-id", Clock.systemUTC())),
                Optional.empty(),
                true);
        assertTrue(jwksOnly.describe(true).contains("storage's pushes are refused"), jwksOnly.describe(true));
        String inRun = jwksOnly.describe(false);
        assertFalse(inRun.contains("refused"), inRun);
        assertTrue(inRun.contains("storage hands documents over in process"), inRun);
    }

    @Test
    void onlyAPluginTokenSeenForTheFirstTimeMayBlockTheCaller() {
        try (TestJwks jwks = TestJwks.start()) {
            EllipticCurveJsonWebKey key = TestJwks.newKey("k1");
            jwks.publish(key);
            PluginTokenVerifier verifier = new PluginTokenVerifier(jwks.url(), "model-catalog", Clock.systemUTC());
            LocationAccess a = new LocationAccess(Optional.of(verifier), Optional.of(TOKEN), true);
            String plugin = "Bearer " + TestJwks.pluginToken(key, "model-catalog", Duration.ofHours(1));

            assertTrue(a.mayBlock(Level.READ, plugin), "signature check and JWKS read ahead");
            assertFalse(a.mayBlock(Level.READ, "Bearer " + TOKEN), "static token: a comparison");
            assertFalse(a.mayBlock(Level.READ, null), "no token: refused at once");
            assertFalse(a.mayBlock(Level.MODEL_CARD, plugin), "open model cards");
            assertFalse(a.mayBlock(Level.WRITE, plugin), "pushes only take the static token");

            assertTrue(a.decide(Level.READ, plugin).allowed());
            assertFalse(a.mayBlock(Level.READ, plugin), "verified once, answered from memory");
            assertEquals(1, jwks.requests(), "one JWKS read");
        }
        assertFalse(new LocationAccess(Optional.empty(), Optional.of(TOKEN), true).mayBlock(Level.READ, "Bearer x"));
    }
}
