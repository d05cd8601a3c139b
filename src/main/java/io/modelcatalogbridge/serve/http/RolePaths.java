package io.modelcatalogbridge.serve.http;

import io.modelcatalogbridge.ops.ActiveRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.URI;
import java.util.Optional;
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

    RolePaths(ActiveRole activeRole) {
        this.activeRole = activeRole;
    }

    /** Internal resource prefix of a role. */
    public static String prefixOf(String role) {
        return "/" + role;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<jakarta.ws.rs.core.Response> route(ContainerRequestContext ctx) {
        Optional<String> role = activeRole.name();
        if (role.isEmpty()) {
            return Optional.empty();
        }
        URI uri = ctx.getUriInfo().getRequestUri();
        String rawPath = uri.getRawPath();
        // Keep the raw (still percent-encoded) path and query: re-encoding would change keys with escapes.
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        URI rewritten = URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + prefixOf(role.get())
                + (rawPath == null || rawPath.isEmpty() ? "/" : rawPath) + query);
        ctx.setRequestUri(rewritten);
        return Optional.empty();
    }
}
