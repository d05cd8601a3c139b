package io.modelcatalogbridge.e2e;

import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults of a Kubernetes API server, in front of fabric8's CRUD dispatcher: the API unavailable ({@code 503} for
 * every request), update conflicts ({@code 409} on ConfigMap updates, as when another writer got there first), and
 * watches closed by the server. Only requests carrying the bridge's token ({@link MockCluster#writeKubeconfig}) meet
 * faults; the test's own client, which sends none, always gets the real answer.
 */
final class ApiFaults extends Dispatcher {

    private final Dispatcher crud;
    private final String bridgeAuthorization;
    private final Set<WebSocket> watches = ConcurrentHashMap.newKeySet();
    private final AtomicInteger conflictsToInject = new AtomicInteger();
    private final AtomicInteger injectedConflicts = new AtomicInteger();
    private final AtomicInteger resourceVersionConflicts = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    /** Refused requests and opened watches per resource (plural, e.g. {@code llminferenceservices}). */
    private final Map<String, AtomicInteger> refusedByResource = new ConcurrentHashMap<>();

    private final Map<String, AtomicInteger> watchesByResource = new ConcurrentHashMap<>();
    private volatile boolean unavailable;

    ApiFaults(Dispatcher crud, String bridgeToken) {
        this.crud = crud;
        this.bridgeAuthorization = "Bearer " + bridgeToken;
    }

    /**
     * While on, every request of the bridge is answered {@code 503}; turning it on also cuts the open watches, as an
     * API server going away does, so that the watchers have to come back (and are refused while it lasts).
     */
    void unavailable(boolean on) {
        unavailable = on;
        if (on) {
            closeWatches();
        }
    }

    /** The next {@code n} ConfigMap updates of the bridge are answered {@code 409} and not applied. */
    void conflictNextUpdates(int n) {
        conflictsToInject.set(n);
    }

    /** Closes every open watch from the server's side (a normal close frame); how many were open. */
    int closeWatches() {
        int n = 0;
        for (WebSocket ws : Set.copyOf(watches)) {
            ws.close(1000, "closed by the API server");
            watches.remove(ws);
            n++;
        }
        return n;
    }

    int injectedConflicts() {
        return injectedConflicts.get();
    }

    /** 409s the CRUD dispatcher gave because the update named an old resourceVersion (a real race). */
    int resourceVersionConflicts() {
        return resourceVersionConflicts.get();
    }

    int refused() {
        return refused.get();
    }

    /** Refused requests of the watch of one resource (its list or watch calls coming back after a cut). */
    int refusedWatchRequests(String plural) {
        return count(refusedByResource, plural);
    }

    /** Watches of one resource the bridge opened so far (a resumed watch is a new one). */
    int watchesOpened(String plural) {
        return count(watchesByResource, plural);
    }

    /** Watches the bridge opened so far, of any resource. */
    int watchesOpened() {
        return watchesByResource.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private static int count(Map<String, AtomicInteger> counts, String plural) {
        AtomicInteger n = counts.get(plural);
        return n == null ? 0 : n.get();
    }

    /**
     * The resource a request is about: the path segment after the API version and the namespace, e.g. {@code
     * inferenceservices} of {@code /apis/serving.kserve.io/v1beta1/namespaces/a/inferenceservices/b?watch=true}.
     */
    private static String resource(String path) {
        String[] segments = path.split("\\?", 2)[0].split("/");
        int i = segments.length > 1 && "api".equals(segments[1]) ? 3 : 4; // /api/v1/..., /apis/<group>/<v>/...
        if (segments.length > i + 1 && "namespaces".equals(segments[i])) {
            i += 2;
        }
        return segments.length > i ? segments[i] : "";
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        boolean bridge = bridgeAuthorization.equals(request.getHeader("Authorization"));
        if (bridge && unavailable) {
            refused.incrementAndGet();
            refusedByResource
                    .computeIfAbsent(resource(request.getPath()), r -> new AtomicInteger())
                    .incrementAndGet();
            return status(503, "ServiceUnavailable", "the API server is unavailable (injected)");
        }
        if (bridge
                && "PUT".equals(request.getMethod())
                && request.getPath().contains("/configmaps/")
                && conflictsToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            injectedConflicts.incrementAndGet();
            return status(409, "Conflict", "the object has been modified; please apply your changes again (injected)");
        }
        MockResponse answer = crud.dispatch(request);
        if (answer.code() == 409 && "PUT".equals(request.getMethod())) {
            resourceVersionConflicts.incrementAndGet();
        }
        WebSocketListener watch = answer.getWebSocketListener();
        if (bridge && watch != null) {
            watchesByResource
                    .computeIfAbsent(resource(request.getPath()), r -> new AtomicInteger())
                    .incrementAndGet();
            answer.withWebSocketUpgrade(new Tracked(watch));
        }
        return answer;
    }

    private static MockResponse status(int code, String reason, String message) {
        return new MockResponse()
                .setResponseCode(code)
                .setHeader("Content-Type", "application/json")
                .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                        + "\"message\":\"" + message + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}");
    }

    @Override
    public void shutdown() {
        crud.shutdown();
    }

    /** The CRUD dispatcher's watch, with its socket remembered so that the server can close it. */
    private final class Tracked extends WebSocketListener {
        private final WebSocketListener inner;

        Tracked(WebSocketListener inner) {
            this.inner = inner;
        }

        @Override
        public void onBeforeAccept(WebSocket ws, Response response) {
            inner.onBeforeAccept(ws, response);
        }

        @Override
        public void onOpen(WebSocket ws, Response response) {
            watches.add(ws);
            inner.onOpen(ws, response);
        }

        @Override
        public void onMessage(WebSocket ws, String text) {
            inner.onMessage(ws, text);
        }

        @Override
        public void onMessage(WebSocket ws, ByteString bytes) {
            inner.onMessage(ws, bytes);
        }

        @Override
        public void onMessage(WebSocket ws, byte[] bytes) {
            inner.onMessage(ws, bytes);
        }

        @Override
        public void onClosing(WebSocket ws, int code, String reason) {
            watches.remove(ws);
            inner.onClosing(ws, code, reason);
        }

        @Override
        public void onClosed(WebSocket ws, int code, String reason) {
            watches.remove(ws);
            inner.onClosed(ws, code, reason);
        }

        @Override
        public void onFailure(WebSocket ws, Throwable t, Response response) {
            watches.remove(ws);
            inner.onFailure(ws, t, response);
        }
    }
}
