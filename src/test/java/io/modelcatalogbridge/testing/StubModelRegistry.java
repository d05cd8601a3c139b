package io.modelcatalogbridge.testing;

import static io.modelcatalogbridge.testing.StubHttp.error;
import static io.modelcatalogbridge.testing.StubHttp.query;
import static io.modelcatalogbridge.testing.StubHttp.segments;
import static io.modelcatalogbridge.testing.StubHttp.send;
import static io.modelcatalogbridge.testing.StubHttp.sleep;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.modelcatalogbridge.source.kfmr.CatalogModel;
import io.modelcatalogbridge.source.kfmr.KfmrJson;
import io.modelcatalogbridge.source.kfmr.ModelArtifact;
import io.modelcatalogbridge.source.kfmr.ModelVersion;
import io.modelcatalogbridge.source.kfmr.RegisteredModel;
import io.modelcatalogbridge.source.kfmr.RegistryContents;
import io.modelcatalogbridge.source.snapshot.SnapshotDirectory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;

/**
 * A Kubeflow Model Registry (REST v1alpha3) and model catalog (v1alpha1) on {@code 127.0.0.1}, serving a
 * {@link RegistryContents} with the real paths and shapes: list envelopes, paging ({@code pageSize},
 * {@code nextPageToken}, {@code orderBy}, {@code sortOrder}), {@code {"code","message"}} errors, plain-text 401 as
 * from kube-rbac-proxy. It records every request, can inject faults ({@link StubFaults}) and can be changed between
 * calls ({@link #mutate}).
 */
public final class StubModelRegistry implements AutoCloseable {

    public static final String REGISTRY_API = "/api/model_registry/v1alpha3";
    public static final String CATALOG_API = "/api/model_catalog/v1alpha1";

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: ~40 ms a request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** One request as received. {@code path} is relative to the API root and decoded; {@code rawPath} is as sent. */
    public record RecordedRequest(
            String path, String rawPath, Map<String, String> query, String authorization, long atMillis) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stub-model-registry");
        t.setDaemon(true);
        return t;
    });
    // Not copy-on-write: a bench registry answers tens of thousands of requests.
    private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    // The contents' lists as served, converted and sorted once per list (by identity) and ordering: 10,000 versions
    // are 100 pages, and sorting all of them for every page made the stub the slow side of a benchmark.
    private final Map<List<?>, Map<String, List<JsonNode>>> sortedLists =
            Collections.synchronizedMap(new IdentityHashMap<>());
    // Exchanges not answered yet (HttpExchange attributes are shared by the whole context, not per exchange).
    private final Set<HttpExchange> unanswered = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final StubFaults faults = new StubFaults();
    private volatile RegistryContents contents;
    private volatile String requiredToken;
    private volatile Consumer<RecordedRequest> listener = r -> {};

    private StubModelRegistry(RegistryContents contents, SSLContext tls) throws IOException {
        this.contents = Objects.requireNonNull(contents, "contents");
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            server = HttpServer.create(address, 0);
        } else {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static StubModelRegistry start(RegistryContents contents) {
        return create(contents, null);
    }

    /** Serves the KFMR part of a snapshot directory (e.g. {@code examples/registry-snapshot}). */
    public static StubModelRegistry start(Path snapshotDir) {
        return create(SnapshotDirectory.read(snapshotDir).registry(), null);
    }

    /** Over HTTPS with the given server context (see {@link SelfSignedCertificate}). */
    public static StubModelRegistry startHttps(RegistryContents contents, SSLContext serverContext) {
        return create(contents, serverContext);
    }

    private static StubModelRegistry create(RegistryContents contents, SSLContext tls) {
        try {
            return new StubModelRegistry(contents, tls);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start stub model registry", e);
        }
    }

    /** Registry (and catalog) root, e.g. {@code http://127.0.0.1:41234}; the APIs live below it. */
    public String url() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    public StubFaults faults() {
        return faults;
    }

    /** Requests must carry {@code Authorization: Bearer <token>}; {@code null} turns the check off. */
    public void requireToken(String token) {
        this.requiredToken = token;
    }

    /**
     * {@code listener} sees every request as it arrives, before it is answered (on the serving thread): a test can
     * act at an exact moment of a client's read, e.g. kill the reader half-way through its pages.
     */
    public void onRequest(Consumer<RecordedRequest> listener) {
        this.listener = Objects.requireNonNull(listener);
    }

    public RegistryContents contents() {
        return contents;
    }

    /** Replaces what is served, e.g. to add or archive models between two reads. */
    public synchronized void mutate(UnaryOperator<RegistryContents> change) {
        contents = Objects.requireNonNull(change.apply(contents));
        sortedLists.clear();
    }

    public void addRegisteredModel(RegisteredModel model) {
        mutate(c -> new RegistryContents(
                c.registryId(),
                append(c.registeredModels(), model),
                c.modelVersions(),
                c.artifactsByVersion(),
                c.inferenceServices(),
                c.servingEnvironments(),
                c.catalogModels()));
    }

    public void addModelVersion(ModelVersion version, List<ModelArtifact> artifacts) {
        mutate(c -> {
            Map<String, List<ModelArtifact>> arts = new HashMap<>(c.artifactsByVersion());
            arts.put(version.id(), artifacts);
            return new RegistryContents(
                    c.registryId(),
                    c.registeredModels(),
                    append(c.modelVersions(), version),
                    arts,
                    c.inferenceServices(),
                    c.servingEnvironments(),
                    c.catalogModels());
        });
    }

    /** Sets {@code state=ARCHIVED} and bumps {@code lastUpdateTimeSinceEpoch}, as the dashboard does. */
    public void archiveRegisteredModel(String id) {
        String now = Long.toString(System.currentTimeMillis());
        mutate(c -> new RegistryContents(
                c.registryId(),
                c.registeredModels().stream()
                        .map(m -> !m.id().equals(id)
                                ? m
                                : new RegisteredModel(
                                        m.id(),
                                        m.name(),
                                        m.description(),
                                        m.externalId(),
                                        m.customProperties(),
                                        m.createTimeSinceEpoch(),
                                        now,
                                        m.owner(),
                                        "ARCHIVED",
                                        m.readme(),
                                        m.provider(),
                                        m.license(),
                                        m.licenseLink()))
                        .toList(),
                c.modelVersions(),
                c.artifactsByVersion(),
                c.inferenceServices(),
                c.servingEnvironments(),
                c.catalogModels()));
    }

    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Requests whose decoded path (relative to the API root) equals {@code path}, all pages counted. */
    public long count(String path) {
        return requests().stream().filter(r -> r.path().equals(path)).count();
    }

    /** Request counts per decoded path, sorted. */
    public Map<String, Long> countsByPath() {
        Map<String, Long> out = new TreeMap<>();
        requests().forEach(r -> out.merge(r.path(), 1L, Long::sum));
        return out;
    }

    public void resetRequests() {
        requests.clear();
        maxInFlight.set(0);
    }

    /** The most requests this registry was answering at the same moment (since start or the last reset). */
    public int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        unanswered.add(ex);
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try (ex) {
            String rawPath = ex.getRequestURI().getRawPath();
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            boolean catalog = rawPath.startsWith(CATALOG_API + "/");
            boolean registry = rawPath.startsWith(REGISTRY_API + "/");
            List<String> segments = registry || catalog
                    ? segments(rawPath.substring((catalog ? CATALOG_API : REGISTRY_API).length()))
                    : List.of();
            String path = registry || catalog ? "/" + String.join("/", segments) : rawPath;
            RecordedRequest recorded = new RecordedRequest(path, rawPath, query, auth, System.currentTimeMillis());
            requests.add(recorded);
            listener.accept(recorded);

            String token = requiredToken;
            if (token != null && !("Bearer " + token).equals(auth)) {
                respond(ex, 401, "text/plain", "Unauthorized\n");
                return;
            }
            Optional<StubFaults.Fault> fault = faults.match(path, pageOf(query));
            if (fault.isPresent()) {
                if (fault.get().delay() != null) {
                    sleep(fault.get().delay());
                }
                if (fault.get().release() != null) {
                    awaitRelease(fault.get().release());
                }
                if (fault.get().empty()) {
                    list(ex, List.of(), query);
                    return;
                }
                if (fault.get().status() > 0) {
                    int status = fault.get().status();
                    respond(ex, status, "application/json", error(status, "injected fault"));
                    return;
                }
            }
            if (!"GET".equals(ex.getRequestMethod())) {
                respond(ex, 405, "application/json", error(405, "only GET is served"));
            } else if (registry) {
                serveRegistry(ex, segments, query);
            } else if (catalog) {
                serveCatalog(ex, segments);
            } else {
                respond(ex, 404, "text/plain", "404 page not found\n");
            }
        } catch (RuntimeException e) {
            respond(ex, 500, "application/json", error(500, String.valueOf(e.getMessage())));
        } finally {
            leave(ex);
        }
    }

    /**
     * Answers through {@link StubHttp#send}, after the request stops counting as in flight: a client that sends its
     * next request as soon as it has this answer must not be seen overlapping with this one.
     */
    private void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        leave(ex);
        send(ex, status, type, body);
    }

    private void leave(HttpExchange ex) {
        if (unanswered.remove(ex)) {
            inFlight.decrementAndGet();
        }
    }

    /** Holds a request until the test releases it; a test that forgets to is cut off after a generous ceiling. */
    private static void awaitRelease(CountDownLatch release) {
        try {
            if (!release.await(Waits.seconds(120).toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("a hanging request was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serveRegistry(HttpExchange ex, List<String> s, Map<String, String> query) throws IOException {
        RegistryContents c = contents;
        String key = s.size() == 3 ? s.get(0) + "/{id}/" + s.get(2) : s.size() == 2 ? s.get(0) + "/{id}" : s.get(0);
        String id = s.size() >= 2 ? s.get(1) : null;
        switch (key) {
            case "registered_models" -> listOfContents(ex, c.registeredModels(), query);
            case "model_versions" -> listOfContents(ex, c.modelVersions(), query);
            case "inference_services" -> listOfContents(ex, c.inferenceServices(), query);
            case "serving_environments" -> listOfContents(ex, c.servingEnvironments(), query);
            case "registered_models/{id}" ->
                one(
                        ex,
                        c.registeredModels().stream()
                                .filter(m -> id.equals(m.id()))
                                .findFirst(),
                        "registered model " + id);
            case "model_versions/{id}" ->
                one(
                        ex,
                        c.modelVersions().stream()
                                .filter(v -> id.equals(v.id()))
                                .findFirst(),
                        "model version " + id);
            case "serving_environments/{id}" ->
                one(
                        ex,
                        c.servingEnvironments().stream()
                                .filter(e -> id.equals(e.id()))
                                .findFirst(),
                        "serving environment " + id);
            case "registered_models/{id}/versions" ->
                list(
                        ex,
                        c.modelVersions().stream()
                                .filter(v -> id.equals(v.registeredModelId()))
                                .toList(),
                        query);
            case "model_versions/{id}/artifacts" -> {
                if (c.modelVersions().stream().noneMatch(v -> id.equals(v.id()))) {
                    respond(ex, 404, "application/json", error(404, "model version " + id + " not found"));
                } else {
                    list(ex, c.artifactsByVersion().getOrDefault(id, List.of()), query);
                }
            }
            default -> respond(ex, 404, "text/plain", "404 page not found\n");
        }
    }

    private void serveCatalog(HttpExchange ex, List<String> s) throws IOException {
        if (s.size() < 4 || !"sources".equals(s.get(0)) || !"models".equals(s.get(2))) {
            respond(ex, 404, "text/plain", "404 page not found\n");
            return;
        }
        String source = s.get(1);
        String name = String.join("/", s.subList(3, s.size()));
        Optional<CatalogModel> model = contents.catalogModels().stream()
                .filter(m -> source.equals(m.sourceId()) && name.equals(m.name()))
                .findFirst();
        one(ex, model, "catalog model " + name + " in source " + source);
    }

    private void list(HttpExchange ex, List<?> items, Map<String, String> query) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        boolean repeat = faults.repeatsToken(path.substring(REGISTRY_API.length()));
        respond(
                ex,
                200,
                "application/json",
                StubPaging.page(items, query, repeat).envelope().toString());
    }

    /** {@link #list} of one of the contents' own lists, sorted once per ordering until the contents change. */
    private void listOfContents(HttpExchange ex, List<?> items, Map<String, String> query) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        boolean repeat = faults.repeatsToken(path.substring(REGISTRY_API.length()));
        List<JsonNode> ordered = sortedLists
                .computeIfAbsent(items, i -> new ConcurrentHashMap<>())
                .computeIfAbsent(StubPaging.ordering(query), o -> StubPaging.sorted(items, query));
        respond(
                ex,
                200,
                "application/json",
                StubPaging.pageOfSorted(ordered, query, repeat).envelope().toString());
    }

    private void one(HttpExchange ex, Optional<?> value, String what) throws IOException {
        if (value.isPresent()) {
            respond(ex, 200, "application/json", KfmrJson.mapper().writeValueAsString(value.get()));
        } else {
            respond(ex, 404, "application/json", error(404, what + " not found"));
        }
    }

    private static int pageOf(Map<String, String> query) {
        try {
            return StubPaging.pageNumber(query.get("nextPageToken"));
        } catch (RuntimeException badToken) {
            return -1;
        }
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.add(item);
        return out;
    }
}
