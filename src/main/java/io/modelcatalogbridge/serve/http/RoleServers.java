package io.modelcatalogbridge.serve.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.TooLongFrameException;
import io.quarkus.vertx.http.runtime.options.HttpServerCommonHandlers;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The HTTP listeners of the roles. Every role port — location's, storage's, the normalizer's, and all three in
 * {@code run} — is a Vert.x server of ours on the application's router, instead of Quarkus' own listener (which
 * {@code cli.Main} switches off for the roles), because only a server we create gives us what a hardened service
 * needs and Quarkus' does not expose:
 *
 * <ul>
 *   <li>time limits per connection ({@link ConnectionDeadlines}: a slow or silent client is dropped within
 *       seconds);</li>
 *   <li>one answer for a malformed request target or request head: 4xx with a JSON message, decided before
 *       anything routes, authenticates or logs it ({@link RequestLine});</li>
 *   <li>a graceful stop: on SIGTERM requests in flight finish (for {@code bridge.http.shutdown-grace} at most) while
 *       new ones get 503, then the ports close;</li>
 *   <li>the same behaviour on every port of every role.</li>
 * </ul>
 * {@code @QuarkusTest} tests keep Quarkus' test listener (the router is the same).
 */
@ApplicationScoped
public class RoleServers {

    private static final Logger LOG = Logger.getLogger(RoleServers.class);

    private final Vertx vertx;
    private final HttpConfig config;
    private final String host;
    private final List<HttpServer> servers = new ArrayList<>();
    private final Map<Integer, String> roleByPort = new ConcurrentHashMap<>();
    private final RequestsInFlight inFlight = new RequestsInFlight();
    private volatile Router router;

    RoleServers(
            Vertx vertx,
            HttpConfig config,
            @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0") String host) {
        this.vertx = vertx;
        this.config = config;
        this.host = host;
    }

    void captureRouter(@Observes Router router) {
        this.router = router;
    }

    /** The role whose port a request arrived on; empty for Quarkus' own listener (tests). */
    public Optional<String> roleOf(HttpServerRequest request) {
        if (request.localAddress() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(roleByPort.get(request.localAddress().port()));
    }

    /** Whether any port is served here (production launches); tests use Quarkus' listener instead. */
    public boolean serving() {
        return !roleByPort.isEmpty();
    }

    /** Listens on {@code port} for {@code role}; fails with a one-line message when the port cannot be bound. */
    public synchronized void listen(String role, int port) {
        if (router == null) {
            throw new IllegalStateException("HTTP router not initialised");
        }
        HttpServerOptions options = new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                .setMaxInitialLineLength(config.maxInitialLineLength())
                .setMaxHeaderSize(config.maxHeaderSize())
                .setCompressionSupported(false)
                // No WebSockets on any role: without these Vert.x leaves the WebSocket extension handler out of
                // every connection's pipeline, where it inspected each request and response.
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                // Without h2c, Vert.x sets a connection up when it opens (with it, only after the first request
                // head arrived, too late for the header deadline); the roles speak HTTP/1.1 only.
                .setHttp2ClearTextEnabled(false)
                .setHandle100ContinueAutomatically(true);
        Handler<HttpServerRequest> routed = HttpServerCommonHandlers.enforceDuplicatedContext(router, false);
        try {
            HttpServer server = vertx.createHttpServer(options)
                    .connectionHandler(connection -> {
                        ChannelPipeline pipeline = ((ConnectionBase) connection)
                                .channelHandlerContext()
                                .pipeline();
                        ConnectionDeadlines.install(
                                pipeline, config.headerTimeout(), config.bodyTimeout(), config.idleTimeout());
                        inFlight.install(pipeline);
                    })
                    .invalidRequestHandler(request -> {
                        inFlight.refuseAsLate(channel(request)); // counted on arrival like any request
                        invalidRequest(request);
                    })
                    .requestHandler(request -> handle(request, routed))
                    .listen()
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            servers.add(server);
            roleByPort.put(server.actualPort(), role);
            LOG.infof("%s listening on %s:%d", role, host, server.actualPort());
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException(
                    "cannot listen on port " + port + " for " + role + ": " + cause.getMessage());
        }
    }

    private void handle(HttpServerRequest request, Handler<HttpServerRequest> routed) {
        boolean late = inFlight.refuseAsLate(channel(request));
        Optional<String> problem = RequestLine.problem(request.uri());
        if (problem.isPresent()) {
            LOG.debugf("400 for a malformed request target: %s", problem.get());
            refuse(request, 400, "bad request: " + problem.get());
            return;
        }
        if (late) {
            refuse(request, 503, "shutting down");
            return;
        }
        routed.handle(request);
    }

    private static Channel channel(HttpServerRequest request) {
        return ((ConnectionBase) request.connection()).channelHandlerContext().channel();
    }

    /** A request Netty could not decode (line or head too long, not HTTP): the status it stands for, as JSON. */
    private static void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status = 400;
        String message = "bad request: not a well-formed HTTP/1.1 request";
        if (cause instanceof TooLongFrameException) {
            boolean line = cause.getClass().getSimpleName().contains("Line");
            status = line ? 414 : 431;
            message = line ? "request line too long" : "request headers too large";
        }
        LOG.debugf(
                "%d for an undecodable request: %s",
                status, cause == null ? "?" : cause.getClass().getSimpleName());
        refuse(request, status, message);
    }

    private static void refuse(HttpServerRequest request, int status, String message) {
        HttpServerResponse response = request.response();
        if (response.ended()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(JsonErrors.json(message));
    }

    /**
     * Stops taking requests (new ones get 503) and waits until those in flight are answered, for {@code
     * bridge.http.shutdown-grace} at most.
     */
    public void drain() {
        if (!serving() || !inFlight.startDraining()) {
            return;
        }
        if (inFlight.count() > 0) {
            LOG.infof("stopping: answering %d requests in flight first (new ones get 503)", inFlight.count());
        }
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        while (inFlight.count() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (inFlight.count() > 0) {
            LOG.warnf(
                    "stopping: the shutdown grace (BRIDGE_HTTP_SHUTDOWN_GRACE, %d ms) is over; cutting %d requests "
                            + "still in flight",
                    config.shutdownGrace().toMillis(), inFlight.count());
        }
    }

    /** Closes every listener (and the connections on it). */
    public synchronized void close() {
        servers.forEach(HttpServer::close);
        servers.clear();
        roleByPort.clear();
    }
}
