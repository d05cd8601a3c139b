package io.modelcatalogbridge.backstage.auth;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * A Backstage-like JWKS endpoint on 127.0.0.1 and a token minter: keys generated per test, published keys swappable
 * (to test rotation), JWKS requests counted.
 */
public final class TestJwks implements AutoCloseable {

    /** Where Backstage 1.x serves a plugin's public keys (under the plugin's base URL). */
    public static final String PATH = "/api/catalog/.backstage/auth/v1/jwks.json";

    private final HttpServer server;
    private final List<JsonWebKey> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    private TestJwks(HttpServer server) {
        this.server = server;
    }

    public static TestJwks start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            TestJwks jwks = new TestJwks(server);
            server.createContext(PATH, ex -> {
                jwks.requests.incrementAndGet();
                byte[] body = new JsonWebKeySet(jwks.published)
                        .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return jwks;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start JWKS server", e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    public int requests() {
        return requests.get();
    }

    /** A new P-256 key with this kid (not published). */
    public static EllipticCurveJsonWebKey newKey(String kid) {
        try {
            EllipticCurveJsonWebKey k = EcJwkGenerator.generateJwk(EllipticCurves.P256, null, new SecureRandom());
            k.setKeyId(kid);
            k.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            return k;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new RSA key with this kid (not published). */
    public static RsaJsonWebKey newRsaKey(String kid) {
        try {
            RsaJsonWebKey k = RsaJwkGenerator.generateJwk(2048);
            k.setKeyId(kid);
            return k;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces the published keys. */
    public void publish(JsonWebKey... keys) {
        published.clear();
        published.addAll(List.of(keys));
    }

    /** A Backstage plugin token: ES256, {@code typ: vnd.backstage.plugin}, {@code sub: catalog}. */
    public static String pluginToken(EllipticCurveJsonWebKey key, String audience, Duration validFor) {
        return sign(
                key,
                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                PluginTokenVerifier.TOKEN_TYPE,
                audience,
                Instant.now().plus(validFor));
    }

    /** Any token: the key's kid, the given algorithm, type, audience and expiry. */
    public static String sign(JsonWebKey key, String alg, String typ, String audience, Instant expiry) {
        Key privateKey =
                key instanceof EllipticCurveJsonWebKey ec ? ec.getPrivateKey() : ((RsaJsonWebKey) key).getPrivateKey();
        return signed(privateKey, true, key.getKeyId(), alg, typ, claims(audience, expiry));
    }

    /** An unsigned token ({@code alg: none}) with the plugin type, this audience and the key's kid. */
    public static String algNone(JsonWebKey key, String audience, Duration validFor) {
        String header = "{\"alg\":\"none\",\"typ\":\"" + PluginTokenVerifier.TOKEN_TYPE + "\",\"kid\":\""
                + key.getKeyId() + "\"}";
        return b64url(header) + "."
                + b64url(claims(audience, Instant.now().plus(validFor)).toJson()) + ".";
    }

    /**
     * The algorithm-confusion attack: HS256 "signed" with the published public key as the HMAC secret, as a verifier
     * that takes the algorithm from the token would accept.
     */
    public static String hs256WithPublicKey(EllipticCurveJsonWebKey key, String audience, Duration validFor) {
        return signed(
                new HmacKey(key.getPublicKey().getEncoded()),
                false,
                key.getKeyId(),
                AlgorithmIdentifiers.HMAC_SHA256,
                PluginTokenVerifier.TOKEN_TYPE,
                claims(audience, Instant.now().plus(validFor)));
    }

    /**
     * The one signer: {@code claims} as a compact JWS with this kid, algorithm and type ({@code typ} left out when
     * null). {@code checkKey} off lets a test sign with a key the algorithm should never get (the confusion attack).
     */
    private static String signed(
            Key signingKey, boolean checkKey, String kid, String alg, String typ, JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signingKey);
        jws.setDoKeyValidation(checkKey);
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmHeaderValue(alg);
        if (typ != null) {
            jws.setHeader("typ", typ);
        }
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JwtClaims claims(String audience, Instant expiry) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("catalog");
        claims.setAudience(audience);
        claims.setIssuedAt(
                NumericDate.fromMilliseconds(Instant.now().minusSeconds(5).toEpochMilli()));
        claims.setExpirationTime(NumericDate.fromMilliseconds(expiry.toEpochMilli()));
        return claims;
    }

    private static String b64url(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
