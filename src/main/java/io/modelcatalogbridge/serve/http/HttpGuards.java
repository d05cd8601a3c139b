package io.modelcatalogbridge.serve.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Checks on the application's router, ahead of every route (so on Quarkus' test listener too):
 *
 * <ul>
 *   <li>request bodies: read here up to {@code bridge.http.max-body-size} ({@code bridge.http.max-batch-body-size}
 *       for the batch endpoints, {@code POST /upserts}), with or without {@code Content-Length};
 *       a larger one gets 413 with a JSON message and the connection is closed, before any resource sees a byte
 *       (a 70 MiB chunked body used to end in two answers and an ERROR line);</li>
 *   <li>{@code /q/metrics}: needs the role's static token when the role has one — storage {@code STORAGE_TOKEN},
 *       location {@code BRIDGE_TOKEN}; the normalizer has none and serves its metrics openly, as the Go normalizer
 *       did (counters only, never documents).</li>
 * </ul>
 */
@ApplicationScoped
public class HttpGuards {

    private static final Logger LOG = Logger.getLogger(HttpGuards.class);
    private static final int FIRST = -1_000_000;

    private final BodySizeLimit limit;
    private final HttpConfig http;
    private final Optional<String> locationToken;
    private final RoleServers servers;
    private final Optional<String> configuredRole;

    HttpGuards(
            BodySizeLimit limit,
            HttpConfig http,
            @ConfigProperty(name = "bridge.location.auth.static-token") Optional<String> locationToken,
            RoleServers servers,
            @ConfigProperty(name = RoleNames.PROPERTY) Optional<String> configuredRole) {
        this.limit = limit;
        this.http = http;
        this.locationToken = locationToken;
        this.servers = servers;
        this.configuredRole = configuredRole;
    }

    void install(@Observes Router router) {
        router.route().order(FIRST).handler(this::body);
        router.route("/q/metrics*").order(FIRST + 1).handler(this::metrics);
    }

    /** The static token that guards {@code /q/metrics} on a role's port; empty when the role has none. */
    Optional<String> metricsToken(String role) {
        Optional<String> token = switch (role) {
            case RoleNames.STORAGE ->
                Optional.ofNullable(http.auth().get(RoleNames.STORAGE)).flatMap(HttpConfig.RoleAuth::token);
            case RoleNames.LOCATION -> locationToken;
            default -> Optional.empty();
        };
        return token.filter(t -> !t.isBlank());
    }

    private void metrics(RoutingContext rc) {
        // The role of the port (RoleServers); on Quarkus' test listener, the one configured role.
        Optional<String> role = servers.roleOf(rc.request()).or(() -> configuredRole);
        Optional<String> token = role.flatMap(this::metricsToken);
        if (token.isEmpty()
                || BearerTokenFilter.presents(rc.request().getHeader(HttpHeaders.AUTHORIZATION), token.get())) {
            rc.next();
            return;
        }
        rc.response()
                .setStatusCode(401)
                .putHeader("WWW-Authenticate", "Bearer")
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(JsonErrors.json("Unauthorized"));
    }

    private void body(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean chunked = request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        if (length == null && !chunked) {
            rc.next();
            return;
        }
        long max = limit.maxBytes(request.path());
        // The refusal's text only when refusing: building it (an exception, with its stack trace through the whole
        // Netty pipeline) for every request with a body was ~1 % of location's CPU per push.
        String path = request.path();
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                refuse(rc, 400, "invalid Content-Length");
                return;
            }
            if (declared > max) {
                refuse(rc, 413, limit.tooLarge(path).getMessage());
                return;
            }
        }
        Buffer body = Buffer.buffer();
        AtomicBoolean tooLarge = new AtomicBoolean();
        request.handler(chunk -> {
            if (tooLarge.get()) {
                return;
            }
            if (body.length() + (long) chunk.length() > max) {
                tooLarge.set(true);
                refuse(rc, 413, limit.tooLarge(path).getMessage());
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(e -> LOG.debugf("request body not read to the end: %s", e.getMessage()));
        request.endHandler(v -> {
            if (!tooLarge.get()) {
                rc.setBody(body);
                rc.next();
            }
        });
        request.resume();
    }

    private static void refuse(RoutingContext rc, int status, String message) {
        if (rc.response().ended()) {
            return;
        }
        rc.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(JsonErrors.json(message));
    }
}
