package io.modelcatalogbridge.serve.http;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Static bearer-token check per role: the first path segment after {@link RolePaths} routing names the role
 * ({@code /storage/upsert}); when {@code bridge.http.auth.<role>.token} is set, the request needs {@code
 * Authorization: Bearer <token>} or gets 401 with a JSON error. Health ({@code /q/*}) is not a JAX-RS resource and
 * stays open. Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual}: constant time, and the
 * length of the configured token does not leak either.
 */
@ApplicationScoped
public class BearerTokenFilter {

    private static final String PREFIX = "Bearer ";
    /**
     * Roles whose whole API is writes or raw store reads: without a token they serve clients on this host only
     * ({@link TokenlessAccess}), with the variable that sets their token.
     */
    private static final Map<String, String> LOCAL_WITHOUT_TOKEN = Map.of(RoleNames.STORAGE, "STORAGE_TOKEN");

    private final HttpConfig config;
    private final TokenlessAccess tokenless;

    BearerTokenFilter(HttpConfig config, TokenlessAccess tokenless) {
        this.config = config;
        this.tokenless = tokenless;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> check(ContainerRequestContext ctx, HttpServerRequest request) {
        String path = ctx.getUriInfo().getPath();
        String role = firstSegment(path);
        HttpConfig.RoleAuth auth = config.auth().get(role);
        if (auth == null || auth.token().isEmpty() || auth.token().get().isBlank()) {
            String variable = LOCAL_WITHOUT_TOKEN.get(role);
            return variable == null ? Optional.empty() : tokenless.check(request, role, variable);
        }
        String header = ctx.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (presents(header, auth.token().get())) {
            return Optional.empty();
        }
        Response r = JsonErrors.error(401, header == null ? "missing bearer token" : "invalid bearer token");
        return Optional.of(Response.fromResponse(r)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build());
    }

    /** Whether an {@code Authorization} header carries {@code Bearer <expected>} (constant-time comparison). */
    public static boolean presents(String header, String expected) {
        return header != null
                && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                && matches(header.substring(PREFIX.length()).strip(), expected);
    }

    /** Constant-time comparison of a presented token with the configured one. */
    public static boolean matches(String presented, String expected) {
        return MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    private static String firstSegment(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        int slash = p.indexOf('/');
        return slash < 0 ? p : p.substring(0, slash);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
