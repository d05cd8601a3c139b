package io.modelcatalogbridge.serve.location.auth;

import io.modelcatalogbridge.serve.http.JsonErrors;
import io.modelcatalogbridge.serve.http.RoleNames;
import io.modelcatalogbridge.serve.http.TokenlessAccess;
import io.quarkus.runtime.BlockingOperationControl;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Applies {@link LocationAccess} to every endpoint that carries an {@link Access} level; endpoints without one
 * (other roles', health) are not touched, and the access bean is only looked up for location's own endpoints.
 * Refusals are 401 with a JSON error; the reason goes to the DEBUG log, the token never does.
 *
 * <p>Location's reads run on the I/O thread (they only look up memory); a decision that may block (a plugin token
 * seen for the first time: a signature check and perhaps a JWKS read) moves to a worker thread, every other one is
 * made in place.
 */
@ApplicationScoped
public class AccessFilter {

    private static final Logger LOG = Logger.getLogger(AccessFilter.class);

    private final Instance<LocationAccess> access;
    private final TokenlessAccess tokenless;
    private final AtomicBoolean pluginTokenSeen = new AtomicBoolean();
    private volatile LocationAccess rules;

    AccessFilter(Instance<LocationAccess> access, TokenlessAccess tokenless) {
        this.access = access;
        this.tokenless = tokenless;
    }

    @ServerRequestFilter
    public Uni<Response> check(ContainerRequestContext ctx, ResourceInfo resource, HttpServerRequest request) {
        Optional<Access.Level> level = levelOf(resource);
        if (level.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        LocationAccess rules = rules();
        if (!rules.enabled() && level.get() == Access.Level.WRITE) {
            Optional<Response> refused = tokenless.check(request, RoleNames.LOCATION, "BRIDGE_TOKEN");
            if (refused.isPresent()) {
                return Uni.createFrom().item(refused.get());
            }
        }
        String header = ctx.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (!BlockingOperationControl.isBlockingAllowed() && rules.mayBlock(level.get(), header)) {
            return Uni.createFrom()
                    .item(() -> answer(rules.decide(level.get(), header), ctx))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        return Uni.createFrom().item(answer(rules.decide(level.get(), header), ctx));
    }

    /**
     * Whether a request to an endpoint of {@code level} is allowed by a decision made in place, for location's
     * Vert.x routes (which serve only what is allowed and leave every other request to JAX-RS and {@link #check}):
     * false when the decision may block, when it refuses, and when a tokenless write comes from another host.
     */
    public boolean allowsInPlace(Access.Level level, HttpServerRequest request) {
        LocationAccess rules = rules();
        if (!rules.enabled() && level == Access.Level.WRITE && !tokenless.allows(request)) {
            return false;
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (rules.mayBlock(level, header)) {
            return false;
        }
        LocationAccess.Decision d = rules.decide(level, header);
        noteAllowed(d);
        return d.allowed();
    }

    /** {@code null} to let the request through, else the 401. */
    private Response answer(LocationAccess.Decision d, ContainerRequestContext ctx) {
        if (d.allowed()) {
            noteAllowed(d);
            return null;
        }
        LOG.debugf("refused %s %s: %s", ctx.getMethod(), ctx.getUriInfo().getPath(), d.reason());
        return Response.fromResponse(JsonErrors.error(401, "Unauthorized"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    /** Looked up on location's first request (never in other roles), then kept: it is a singleton. */
    private LocationAccess rules() {
        LocationAccess r = rules;
        if (r == null) {
            r = access.get();
            rules = r;
        }
        return r;
    }

    private void noteAllowed(LocationAccess.Decision d) {
        if (d.allowed() && d.pluginToken() && pluginTokenSeen.compareAndSet(false, true)) {
            LOG.infof("accepted the first Backstage %s", d.reason());
        }
    }

    private static Optional<Access.Level> levelOf(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return Optional.empty();
        }
        Access a = method.getAnnotation(Access.class);
        if (a == null) {
            a = resource.getResourceClass().getAnnotation(Access.class);
        }
        return Optional.ofNullable(a).map(Access::value);
    }
}
