package io.modelcatalogbridge.serve.http;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * The secure default for a role's write endpoints when its token is not set: only clients on this host (the other
 * containers of the pod, see {@link Peers}) may call them; anyone else gets 403 with a JSON message saying how to
 * fix it. {@code BRIDGE_HTTP_UNAUTHENTICATED_ACCESS=any} restores the Go bridge's behaviour (open to every client).
 *
 * <p>Why refuse by peer instead of binding to loopback: the roles must keep answering Kubernetes probes on the pod
 * IP, and the Go sidecar manifests point the roles at each other through {@code $POD_IP}; both keep working.
 */
@ApplicationScoped
public class TokenlessAccess {

    private final HttpConfig config;
    private final Peers peers;

    TokenlessAccess(HttpConfig config, Peers peers) {
        this.config = config;
        this.peers = peers;
    }

    /** Whether writes without a token are open to every client ({@code any}) rather than to this host only. */
    public boolean openToAll() {
        return config.unauthenticatedAccess() == HttpConfig.UnauthenticatedAccess.any;
    }

    /** Whether a tokenless write from this client may go on ({@link #check} refuses the others). */
    public boolean allows(HttpServerRequest request) {
        return openToAll() || peers.isLocal(request);
    }

    /**
     * The refusal for a tokenless write from another host; empty when the request may go on.
     *
     * @param role          the role answering ({@code storage}, {@code location})
     * @param tokenVariable the environment variable that would protect it
     */
    public Optional<Response> check(HttpServerRequest request, String role, String tokenVariable) {
        if (allows(request)) {
            return Optional.empty();
        }
        return Optional.of(JsonErrors.error(
                403,
                role + " has no token (" + tokenVariable + "), so it takes writes only from clients on this host;"
                        + " set " + tokenVariable + " on every role, or BRIDGE_HTTP_UNAUTHENTICATED_ACCESS=any"));
    }

    /** The start-up WARN naming a role's write endpoints that have no token, and who may call them. */
    public String openEndpointsWarning(String role, String tokenVariable, String endpoints) {
        return role + ": " + endpoints + " have no token (" + tokenVariable + ") and are open to "
                + (openToAll()
                        ? "every client (BRIDGE_HTTP_UNAUTHENTICATED_ACCESS=any)"
                        : "clients on this host only (the pod's own containers; others get 403)")
                + ". Set " + tokenVariable + " on every role from one Secret (deploy/)";
    }
}
