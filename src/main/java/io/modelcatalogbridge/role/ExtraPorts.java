package io.modelcatalogbridge.role;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Extra listeners on the application's own router, so that {@code run} answers storage's API on 7070 and the
 * normalizer's metrics on 8080 next to location on the main port. Requests are told apart by the local port they
 * arrived on ({@code serve.http.RolePaths}).
 */
@ApplicationScoped
public class ExtraPorts {

    private final Vertx vertx;
    private final String host;
    private final List<HttpServer> servers = new ArrayList<>();
    private volatile Router router;

    ExtraPorts(Vertx vertx, @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0") String host) {
        this.vertx = vertx;
        this.host = host;
    }

    void captureRouter(@Observes Router router) {
        this.router = router;
    }

    /** Listens on {@code port} with the application's routes; fails when the port cannot be bound. */
    public synchronized void listen(int port) {
        if (router == null) {
            throw new IllegalStateException("HTTP router not initialised");
        }
        try {
            HttpServer server = vertx.createHttpServer(
                            new HttpServerOptions().setHost(host).setPort(port))
                    .requestHandler(router)
                    .listen()
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            servers.add(server);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot listen on port " + port + ": " + cause.getMessage());
        }
    }

    public synchronized void close() {
        servers.forEach(HttpServer::close);
        servers.clear();
    }
}
