package io.modelcatalogbridge.serve.location;

import io.modelcatalogbridge.serve.http.BodySizeLimit;
import io.modelcatalogbridge.serve.http.HttpConfig;
import io.modelcatalogbridge.serve.http.RoleNames;
import io.modelcatalogbridge.serve.http.RoleServers;
import io.modelcatalogbridge.serve.location.auth.Access;
import io.modelcatalogbridge.serve.location.auth.AccessFilter;
import io.modelcatalogbridge.serve.location.contract.v1.V1ContractResource;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Location's hot requests served straight from the Vert.x router, ahead of JAX-RS: both {@code /list} bodies, one
 * document in either contract, and storage's pushes, {@code POST /upsert} and {@code POST /upserts}. These are what Backstage polls and what a
 * sync of thousands of versions pushes; through RESTEasy each cost the whole JAX-RS pipeline (about half of
 * location's CPU per request, and most of what C2 had to compile before a cold location kept up with a push storm).
 *
 * <p>Only the plain, successful case is answered here, with exactly the bytes, status and content type the JAX-RS
 * resources ({@code GoBridgeContractResource}, {@link V1ContractResource}, {@link PushResource},
 * {@link BatchPushResource}) give; everything
 * else goes on to them unchanged, so every contract detail keeps one implementation: a request whose access decision
 * may block or refuses ({@link AccessFilter#allowsInPlace}), a document that is not there (404), a list before the
 * first load (503), a push that is not a servable document or a body that is not a batch (400), any other method, path or query spelling
 * (percent-escapes, matrix parameters, repeated parameters), and location behind a role token
 * ({@code bridge.http.auth.location.token}). Body limits, malformed requests and draining are decided before any
 * route ({@code serve/http}); request bodies reach this route already read.
 *
 * <p>Pushes are applied on the event loop: {@link ReadModel#upsert} is a map update under a short lock, cheaper
 * than handing the request to a worker thread. So are batches: storage forwards at most 100 documents and 4 MiB of
 * bodies in one (a few milliseconds of checking); any client's batch is bounded by
 * {@code bridge.http.max-batch-body-size}; reads go on on the other event loops meanwhile.
 */
@ApplicationScoped
public class LocationRoutes {

    private static final Logger LOG = Logger.getLogger(LocationRoutes.class);
    /** After {@code serve/http/HttpGuards} (body limit, metrics token), before Quarkus' JAX-RS route. */
    private static final int ORDER = -900_000;

    private static final String V1 = V1ContractResource.BASE_PATH;
    private static final String V1_LIST = V1 + "/list";
    private static final String V1_MODELS = V1 + "/models/";
    private static final String UPSERT_QUERY = "key=";
    /** What JAX-RS gives an entity it serialises with Jackson (the push answers); served bytes get their own type. */
    private static final String JSON_ENTITY = "application/json;charset=UTF-8";

    /** Looked up on location's first request only: other roles never create location's beans. */
    private final Instance<ReadModel> models;

    private final Instance<AccessFilter> filters;
    private volatile ReadModel model;
    private volatile AccessFilter access;
    private final RoleServers servers;
    private final BodySizeLimit limit;
    private final boolean enabled;
    /** Whether requests on Quarkus' own listener (tests) are location's: only when location is the role. */
    private final boolean configuredLocation;

    LocationRoutes(
            Instance<ReadModel> model,
            Instance<AccessFilter> access,
            RoleServers servers,
            BodySizeLimit limit,
            HttpConfig http,
            @ConfigProperty(name = RoleNames.PROPERTY) Optional<String> configuredRole) {
        this.models = model;
        this.filters = access;
        this.servers = servers;
        this.limit = limit;
        Optional<String> roleToken = Optional.ofNullable(http.auth().get(RoleNames.LOCATION))
                .flatMap(HttpConfig.RoleAuth::token)
                .filter(t -> !t.isBlank());
        // Location's port exists only when location runs (alone, or in run); tests use Quarkus' listener with the
        // configured role.
        boolean locationRuns = configuredRole
                .map(r -> r.equals(RoleNames.LOCATION) || r.equals(RoleNames.RUN))
                .orElse(false);
        this.enabled = locationRuns && roleToken.isEmpty();
        this.configuredLocation =
                configuredRole.filter(RoleNames.LOCATION::equals).isPresent();
    }

    void install(@Observes Router router) {
        if (enabled) {
            router.route().order(ORDER).handler(this::handle);
        }
    }

    private void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (!isLocations(request) || !serve(rc, request)) {
            rc.next();
        }
    }

    /** The role of the port the request came in on; on Quarkus' listener (tests), the configured role. */
    private boolean isLocations(HttpServerRequest request) {
        Optional<String> role = servers.roleOf(request);
        return role.isPresent() ? role.get().equals(RoleNames.LOCATION) : configuredLocation;
    }

    /** Answers the request and returns true, or returns false to leave it to JAX-RS. */
    private boolean serve(RoutingContext rc, HttpServerRequest request) {
        String path = request.path();
        if (path == null || !plain(path)) {
            return false;
        }
        HttpMethod method = request.method();
        if (method == HttpMethod.GET) {
            return request.query() == null && read(rc, request, path);
        }
        if (method == HttpMethod.POST && path.equals("/upsert")) {
            return push(rc, request);
        }
        if (method == HttpMethod.POST && path.equals(BodySizeLimit.BATCH_PATH)) {
            return request.query() == null && pushBatch(rc, request);
        }
        return false;
    }

    private boolean read(RoutingContext rc, HttpServerRequest request, String path) {
        Buffer body;
        String contentType;
        if (path.equals("/list") || path.equals(V1_LIST)) {
            ReadModel m = model();
            if (!m.loaded() || !allowed(Access.Level.READ, request)) {
                return false;
            }
            body = m.listAnswer(path.equals(V1_LIST));
            contentType = "application/json";
        } else {
            Optional<ServedDocument> doc = document(path);
            if (doc.isEmpty() || !allowed(Access.Level.READ, request)) {
                return false;
            }
            body = LocationResponses.body(doc.get().bytes());
            contentType = doc.get().format().contentType();
        }
        rc.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(body);
        return true;
    }

    /**
     * The document a read path names: {@code /api/model-catalog-bridge/models/<seg1>/<seg2>} (JSON documents only)
     * or the Go era's {@code /<seg1>/<seg2>/<file>} (its file name must match the document's format).
     */
    private Optional<ServedDocument> document(String path) {
        if (path.startsWith(V1_MODELS)) {
            String[] segments = segments(path.substring(V1_MODELS.length()), 2);
            return segments == null
                    ? Optional.empty()
                    : model().find(segments[0], segments[1]).filter(d -> d.format() == DocumentFormat.JSON);
        }
        String[] segments = segments(path.substring(1), 3);
        if (segments == null || segments[0].equals("api") || segments[0].equals("modelcard")) {
            return Optional.empty(); // other resources' paths: theirs to answer
        }
        return model().find(segments[0], segments[1])
                .filter(d -> d.format().fileName().equals(segments[2]));
    }

    private boolean push(RoutingContext rc, HttpServerRequest request) {
        String query = request.query();
        if (query == null || !query.startsWith(UPSERT_QUERY) || !plain(query.substring(UPSERT_QUERY.length()))) {
            return false;
        }
        if (!allowed(Access.Level.WRITE, request)) {
            return false;
        }
        Buffer body = rc.body() == null ? null : rc.body().buffer();
        ServedDocument doc;
        try {
            doc = PushResource.document(query.substring(UPSERT_QUERY.length()), body == null ? null : body.getBytes());
        } catch (WireDocuments.InvalidDocumentException e) {
            return false; // PushResource answers 400 with the reason
        }
        ReadModel.Change change = model().upsert(doc);
        LOG.debugf("push upsert %s: %s", doc.storageKey(), change);
        rc.response()
                .setStatusCode(change == ReadModel.Change.CREATED ? 201 : 200)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON_ENTITY)
                .end(Buffer.buffer(PushResource.answer(doc.storageKey(), change)));
        return true;
    }

    private boolean pushBatch(RoutingContext rc, HttpServerRequest request) {
        if (!allowed(Access.Level.WRITE, request)) {
            return false;
        }
        Buffer body = rc.body() == null ? null : rc.body().buffer();
        if (body == null || body.length() == 0 || body.length() > limit.maxBatchBytes()) {
            return false;
        }
        byte[] answer = BatchPushResource.apply(model(), limit.maxBytes(), body.getBytes());
        if (answer == null) {
            return false; // BatchPushResource answers 400: nothing of it was applied
        }
        rc.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON_ENTITY).end(Buffer.buffer(answer));
        return true;
    }

    private boolean allowed(Access.Level level, HttpServerRequest request) {
        AccessFilter a = access;
        if (a == null) {
            a = filters.get();
            access = a;
        }
        return a.allowsInPlace(level, request);
    }

    private ReadModel model() {
        ReadModel m = model;
        if (m == null) {
            m = models.get();
            model = m;
        }
        return m;
    }

    /** {@code count} non-empty segments separated by single slashes, or null. */
    private static String[] segments(String s, int count) {
        String[] parts = s.split("/", -1);
        if (parts.length != count) {
            return null;
        }
        for (String p : parts) {
            if (p.isEmpty()) {
                return null;
            }
        }
        return parts;
    }

    /**
     * Whether a path or key uses only the characters of canonical document keys and this role's paths ({@code
     * [A-Za-z0-9._/-]}): no escapes to decode, no matrix parameters, nothing JAX-RS would read differently.
     */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '-'
                    || c == '_'
                    || c == '/';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
