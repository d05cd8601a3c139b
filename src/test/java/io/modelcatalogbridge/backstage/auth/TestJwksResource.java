package io.modelcatalogbridge.backstage.auth;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import org.jose4j.jwk.EllipticCurveJsonWebKey;

/**
 * Starts a {@link TestJwks} publishing one ES256 key and points {@code bridge.location.auth.jwks-url} at it. Tests
 * receive the {@link Fixture} (server and signing key) in a field annotated {@link Inject}.
 */
public class TestJwksResource implements QuarkusTestResourceLifecycleManager {

    /** The JWKS server and the private key whose public half it publishes. */
    public record Fixture(TestJwks jwks, EllipticCurveJsonWebKey key) {}

    /** Marks the test field that receives the fixture. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {}

    private Fixture fixture;

    @Override
    public Map<String, String> start() {
        TestJwks jwks = TestJwks.start();
        EllipticCurveJsonWebKey key = TestJwks.newKey("test-key-1");
        jwks.publish(key);
        fixture = new Fixture(jwks, key);
        return Map.of("bridge.location.auth.jwks-url", jwks.url().toString());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(fixture, new TestInjector.AnnotatedAndMatchesType(Inject.class, Fixture.class));
    }

    @Override
    public void stop() {
        if (fixture != null) {
            fixture.jwks().close();
        }
    }
}
