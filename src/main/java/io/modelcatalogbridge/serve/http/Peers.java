package io.modelcatalogbridge.serve.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;

/**
 * Who is on the other end of a request's TCP connection (never a header a client can forge): a client on this host,
 * or anyone else. "This host" is this network namespace — in a pod, its own containers, which reach each other on
 * loopback or on the pod IP (the Go sidecar manifests point the roles at {@code http://$POD_IP:7070}; such a
 * connection comes from the pod IP itself).
 */
@ApplicationScoped
public class Peers {

    /** Whether the request's connection comes from this host: a loopback address or one of its own addresses. */
    public boolean isLocal(HttpServerRequest request) {
        if (request.connection() == null) {
            return false;
        }
        return isLocal(
                request.connection().remoteAddress(), request.connection().localAddress());
    }

    static boolean isLocal(SocketAddress peer, SocketAddress local) {
        InetAddress from = address(peer);
        if (from == null) {
            return false;
        }
        if (from.isLoopbackAddress() || from.equals(address(local))) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(from) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    private static InetAddress address(SocketAddress a) {
        if (a == null || a.hostAddress() == null || a.hostAddress().isEmpty()) {
            return null;
        }
        try {
            // The connection's address, an IP literal: no name lookup happens.
            return InetAddress.getByName(a.hostAddress());
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
