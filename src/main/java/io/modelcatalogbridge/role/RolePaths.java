package io.modelcatalogbridge.role;

import io.modelcatalogbridge.serve.http.RoleServers;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Gives each role the root of its own port. The Go bridge served storage and location on separate ports with
 * overlapping paths ({@code /list}, {@code /upsert}); here both live in one application, so resources are mounted
 * under an internal prefix ({@code /storage}, {@code /location}, {@code /normalizer}) and this pre-matching filter
 * prepends the active role's prefix to every request. A role therefore never answers another role's paths.
 * Quarkus' own {@code /q/*} endpoints are not JAX-RS resources and are not affected.
 */
@ApplicationScoped
public class RolePaths {

    private final ActiveRole activeRole;
    private final RoleServers servers;
    private final int storagePort;
    private final int normalizerPort;

    RolePaths(
            ActiveRole activeRole,
            RoleServers servers,
            @ConfigProperty(name = "bridge.run.storage-port", defaultValue = "7070") int storagePort,
            @ConfigProperty(name = "bridge.run.normalizer-port", defaultValue = "8080") int normalizerPort) {
        this.activeRole = activeRole;
        this.servers = servers;
        this.storagePort = storagePort;
        this.normalizerPort = normalizerPort;
    }

    /**
     * The role a request is for. In {@code run} all roles share one application: the port the request arrived on
     * decides (the local port, never the client's Host header).
     */
    RoleName roleOf(RoleName configured, HttpServerRequest request) {
        if (configured != RoleName.RUN) {
            return configured;
        }
        int port = request.localAddress() == null ? -1 : request.localAddress().port();
        if (port == storagePort) {
            return RoleName.STORAGE;
        }
        return port == normalizerPort ? RoleName.NORMALIZER : RoleName.LOCATION;
    }

    /**
     * The role a request is for: the role of the port it arrived on ({@link RoleServers}), or, on Quarkus' test
     * listener, the configured role; empty when no role is configured (plain tests).
     */
    public Optional<RoleName> roleOf(HttpServerRequest request) {
        Optional<RoleName> byPort = servers.roleOf(request).flatMap(RoleName::of);
        return byPort.isPresent() ? byPort : activeRole.role().map(r -> roleOf(r, request));
    }

    /** Internal resource prefix of a role. */
    public static String prefixOf(RoleName role) {
        return "/" + role.cliName();
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> route(ContainerRequestContext ctx, HttpServerRequest request) {
        Optional<RoleName> role = roleOf(request);
        if (role.isEmpty()) {
            return Optional.empty();
        }
        ctx.setRequestUri(URI.create(prefixed(request, ctx, prefixOf(role.get()))));
        return Optional.empty();
    }

    /**
     * The request's absolute URI with {@code prefix} in front of its path, raw (still percent-encoded) path and
     * query kept: re-encoding would change keys with escapes. Every request pays for this, so the common
     * origin-form target ({@code /path?query}) is spliced into Vert.x' absolute URI as text, parsed once; any other
     * form goes through the parsed request URI.
     */
    static String prefixed(HttpServerRequest request, ContainerRequestContext ctx, String prefix) {
        String target = request.uri();
        String absolute = request.absoluteURI();
        if (target != null
                && target.startsWith("/")
                && target.indexOf('#') < 0
                && absolute != null
                && absolute.endsWith(target)
                && absolute.length() > target.length()) {
            return absolute.substring(0, absolute.length() - target.length()) + prefix + target;
        }
        URI uri = ctx.getUriInfo().getRequestUri();
        String rawPath = uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return uri.getScheme() + "://" + uri.getRawAuthority() + prefix
                + (rawPath == null || rawPath.isEmpty() ? "/" : rawPath) + query;
    }
}
