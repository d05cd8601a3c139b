package io.modelcatalogbridge.serve.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Settings of the HTTP pieces shared by the roles. */
@ConfigMapping(prefix = "bridge.http")
public interface HttpConfig {

    /** Largest request body accepted; larger bodies get 413 with a JSON error. */
    @WithDefault("8M")
    MemorySize maxBodySize();

    /**
     * Largest body of a batch endpoint ({@code POST /upserts} of storage and location); each document in it still
     * has {@link #maxBodySize()} as its own limit. Larger batches get 413 with a JSON error.
     */
    @WithDefault("16M")
    MemorySize maxBatchBodySize();

    /**
     * Who may call a role's write endpoints when its token is not set: {@code local} (default) only clients on this
     * host — the other containers of a pod ({@link TokenlessAccess}); {@code any} every client (the Go bridge's
     * behaviour). Either way a start-up WARN names the open endpoints.
     */
    @WithDefault("local")
    UnauthenticatedAccess unauthenticatedAccess();

    /** {@link #unauthenticatedAccess()} values. */
    enum UnauthenticatedAccess {
        local,
        any
    }

    /**
     * Whether the role ports are served by {@code RoleServers} (set by {@code cli.Main} for role launches); off in
     * tests, which use Quarkus' test listener.
     */
    @WithDefault("false")
    boolean serveRolePorts();

    /** A request head (line and headers) must arrive completely within this time of its first byte. */
    @WithDefault("10s")
    Duration headerTimeout();

    /** A request body must arrive completely within this time of the request head. */
    @WithDefault("60s")
    Duration bodyTimeout();

    /** A kept-alive connection may stay silent this long between two requests. */
    @WithDefault("60s")
    Duration idleTimeout();

    /** On SIGTERM, requests in flight get this long to finish before the ports close (new ones get 503). */
    @WithDefault("10s")
    Duration shutdownGrace();

    /** Longest request line (the Go contract sends the whole key set in the query of /currentkeyset). */
    @WithDefault("4194304")
    int maxInitialLineLength();

    /** Largest request head. */
    @WithDefault("20480")
    int maxHeaderSize();

    /**
     * Static bearer tokens per role path prefix ({@code storage}, {@code location}, …): when a role's token is set,
     * every request to that role except health needs {@code Authorization: Bearer <token>}.
     */
    Map<String, RoleAuth> auth();

    /** Authentication of one role. */
    interface RoleAuth {
        /** The static token; unset means the role's endpoints need no token. */
        Optional<String> token();
    }
}
