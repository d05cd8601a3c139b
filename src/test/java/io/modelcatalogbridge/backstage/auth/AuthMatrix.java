package io.modelcatalogbridge.backstage.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;

/**
 * The auth matrix of issue 11: every protected endpoint of a role, called with every kind of bad credential a caller
 * or an attacker may send, must answer 401 with a JSON error; the test names each cell that did not.
 */
public final class AuthMatrix {

    /** One endpoint: method, path (with query), and a body for POSTs. */
    public record Endpoint(String method, String path, String body) {
        public static Endpoint get(String path) {
            return new Endpoint("GET", path, null);
        }

        public static Endpoint post(String path, String body) {
            return new Endpoint("POST", path, body);
        }

        public static Endpoint delete(String path) {
            return new Endpoint("DELETE", path, null);
        }

        Response call(String authorization) {
            RequestSpecification r = given().urlEncodingEnabled(false);
            if (authorization != null) {
                r = r.header("Authorization", authorization);
            }
            if (body != null) {
                r = r.contentType("application/json").body(body);
            }
            return r.request(method, path);
        }
    }

    private AuthMatrix() {}

    /**
     * The bad credentials, by name ({@code null}: no header): missing, wrong, not a bearer, expired, wrong audience,
     * {@code alg: none}, HS256 with the public key as secret, a 100-year token, and a token of an unpublished key.
     *
     * @param key      the key the role trusts (its JWKS publishes it), or any key for a role without JWKS
     * @param audience the audience the role expects
     */
    public static Map<String, String> badCredentials(EllipticCurveJsonWebKey key, String audience) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("missing", null);
        m.put("wrong static token", "Bearer wrong-token");
        m.put("not a bearer", "Basic dXNlcjpwYXNz");
        m.put("empty bearer", "Bearer ");
        m.put(
                "expired",
                "Bearer "
                        + TestJwks.sign(
                                key,
                                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                                PluginTokenVerifier.TOKEN_TYPE,
                                audience,
                                Instant.now().minus(Duration.ofMinutes(5))));
        m.put("wrong audience", "Bearer " + TestJwks.pluginToken(key, audience + "-other", Duration.ofHours(1)));
        m.put("alg none", "Bearer " + TestJwks.algNone(key, audience, Duration.ofHours(1)));
        m.put("HS256 with the public key", "Bearer " + TestJwks.hs256WithPublicKey(key, audience, Duration.ofHours(1)));
        m.put("100-year lifetime", "Bearer " + TestJwks.pluginToken(key, audience, Duration.ofDays(36_500)));
        m.put(
                "unpublished key",
                "Bearer " + TestJwks.pluginToken(TestJwks.newKey(key.getKeyId()), audience, Duration.ofHours(1)));
        return m;
    }

    /** Calls every endpoint with every credential; fails listing each cell that was not a 401 JSON answer. */
    public static int assertRefused(List<Endpoint> endpoints, Map<String, String> credentials) {
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (Endpoint e : endpoints) {
            for (Map.Entry<String, String> c : credentials.entrySet()) {
                cells++;
                Response r = e.call(c.getValue());
                String type = r.getContentType() == null ? "" : r.getContentType();
                if (r.statusCode() != 401 || !type.startsWith("application/json")) {
                    wrong.add(e.method() + " " + e.path() + " with " + c.getKey() + ": " + r.statusCode() + " " + type);
                }
            }
        }
        assertEquals(List.of(), wrong, "cells that were not refused with 401 JSON");
        assertTrue(cells >= endpoints.size(), "the matrix ran");
        return cells;
    }
}
