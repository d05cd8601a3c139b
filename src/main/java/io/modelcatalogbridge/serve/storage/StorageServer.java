package io.modelcatalogbridge.serve.storage;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelcatalogbridge.backstage.BackstageCatalogClient;
import io.modelcatalogbridge.backstage.BackstageConfig;
import io.modelcatalogbridge.backstage.BackstageUrlResolver;
import io.modelcatalogbridge.render.Renderer;
import io.modelcatalogbridge.render.Renderers;
import io.modelcatalogbridge.serve.http.HttpConfig;
import io.modelcatalogbridge.serve.http.RoleNames;
import io.modelcatalogbridge.serve.http.TokenlessAccess;
import io.modelcatalogbridge.store.DocumentStoreFactory;
import io.modelcatalogbridge.store.StaleUpsertGuard;
import io.modelcatalogbridge.store.StoreNotReadyException;
import io.modelcatalogbridge.store.StoredDocument;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What the {@code storage} role runs: persists catalog documents (ConfigMap shards or files), forwards changes to
 * location and, with {@code PUSH_TO_RHDH}, keeps Backstage locations. The backend loads in the background with
 * retries; readiness and the API answer 503 until it has loaded, so nothing is ever served from a half-read store.
 * Created only when first used (the storage role or {@code run}), so other roles never build a store.
 */
@ApplicationScoped
public class StorageServer {

    private static final Logger LOG = Logger.getLogger(StorageServer.class);

    private final DocumentStoreFactory stores;
    private final ForwardConfig forward;
    private final BackstageConfig backstage;
    private final Instance<KubernetesClient> kubernetes;
    private final HttpConfig http;
    private volatile StorageService service;
    private volatile String failure;
    private volatile Thread loader;
    private final TokenlessAccess tokenless;

    StorageServer(
            DocumentStoreFactory stores,
            ForwardConfig forward,
            BackstageConfig backstage,
            Instance<KubernetesClient> kubernetes,
            HttpConfig http,
            TokenlessAccess tokenless) {
        this.http = http;
        this.tokenless = tokenless;
        this.stores = stores;
        this.forward = forward;
        this.backstage = backstage;
        this.kubernetes = kubernetes;
    }

    /**
     * Starts with extra listeners told about every stored change ({@code run} hands changes to location in
     * process this way instead of forwarding them over HTTP).
     */
    public void start(List<DocumentListener> extraListeners) {
        if (!tokenSet()) {
            LOG.warn(
                    tokenless.openEndpointsWarning(
                            RoleNames.STORAGE,
                            "STORAGE_TOKEN",
                            "POST /upsert, POST /upserts, POST /currentkeyset, GET /list, GET /fetch, GET /documents and GET /digests"));
        }
        StaleUpsertGuard store;
        try {
            store = stores.create(WireRecords::checkLoaded);
        } catch (IllegalArgumentException e) {
            failure = e.getMessage();
            throw e;
        }
        List<DocumentListener> listeners = new ArrayList<>();
        if (forward.enabled()) {
            listeners.add(new LocationForwarder(forward));
        }
        if (backstage.push()) {
            listeners.add(backstageSync());
        }
        listeners.addAll(extraListeners);
        LOG.info(describe(!extraListeners.isEmpty()));
        StorageService s = new StorageService(store, listeners, stores.times());
        service = s;
        loader = new Thread(() -> load(s, store), "storage-load");
        loader.setDaemon(true);
        loader.start();
    }

    private boolean tokenSet() {
        return Optional.ofNullable(http.auth().get(RoleNames.STORAGE))
                .flatMap(HttpConfig.RoleAuth::token)
                .filter(t -> !t.isBlank())
                .isPresent();
    }

    /** What this storage does with a document, for the start-up log: who may write, where changes go. */
    private String describe(boolean inProcess) {
        boolean token = tokenSet();
        String where = forward.enabled()
                ? "changes are forwarded to location at " + forward.url()
                : inProcess ? "changes go to location in process" : "changes are not forwarded to any location";
        String push = backstage.push()
                ? "each document is imported as a Backstage location of type '" + backstage.locationType() + "' at "
                        + backstage.url().filter(u -> !u.isBlank()).orElse("the Backstage Route of this namespace")
                : "no Backstage push (PUSH_TO_RHDH=false)";
        return "storage: "
                + (token
                        ? "API requires STORAGE_TOKEN"
                        : tokenless.openToAll()
                                ? "API open to every caller (STORAGE_TOKEN unset)"
                                : "API open to clients in this pod only (STORAGE_TOKEN unset)")
                + "; "
                + where + "; " + push;
    }

    private DocumentListener backstageSync() {
        BackstageUrlResolver url =
                new BackstageUrlResolver(backstage.url(), kubernetes::get, backstage.routeNamespace());
        BackstageCatalogClient client = new BackstageCatalogClient(url::get, backstage.token(), backstage.timeout());
        String file = Renderers.forName(backstage.documentFormat())
                .map(Renderer::fileName)
                .orElse("model-catalog.json");
        LocationTargets targets = new LocationTargets(
                backstage.locationBaseUrl().filter(s -> !s.isBlank()).orElse(forward.url()), file);
        // The service is built after its listeners; the book reaches it when the first task runs.
        LocationBook book = new LocationBook() {
            @Override
            public Optional<StoredDocument> current(String key) {
                return service().current(key);
            }

            @Override
            public void recordLocation(String key, String locationId, String target, boolean valid) {
                service().recordLocation(key, locationId, target, valid);
            }
        };
        return new BackstageLocationSync(client, backstage, targets, book);
    }

    /** Loads the store, retrying with backoff while the backend is unreachable. */
    private void load(StorageService s, StaleUpsertGuard guard) {
        long delay = 500;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                s.store().load();
                failure = null;
                LOG.infof(
                        "storage ready: %s, %d documents",
                        s.store().describe(), s.store().keys().size());
                List<String> badTimes = guard.keysWithInvalidTimes();
                if (!badTimes.isEmpty()) {
                    LOG.warnf(
                            "%d stored documents carry a lastUpdateTimeSinceEpoch that is not a valid time (%s%s); the"
                                    + " next upsert of each replaces it",
                            badTimes.size(),
                            String.join(", ", badTimes.subList(0, Math.min(5, badTimes.size()))),
                            badTimes.size() > 5 ? ", …" : "");
                }
                s.listeners().forEach(l -> l.loaded(s.store().all()));
                return;
            } catch (RuntimeException e) {
                failure = e.getMessage();
                LOG.warnf("cannot load storage, retrying in %d ms: %s", delay, e.getMessage());
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException stop) {
                    return;
                }
                delay = Math.min(delay * 2, 30_000);
            }
        }
    }

    public void stop() {
        Thread l = loader;
        if (l != null) {
            l.interrupt();
        }
        StorageService s = service;
        if (s != null) {
            s.listeners().forEach(DocumentListener::stop);
        }
    }

    /** Whether the store has loaded: before that the API answers 503. */
    public boolean ready() {
        StorageService s = service;
        return s != null && s.store().isLoaded();
    }

    /** Why storage is not ready, or what it serves from when it is. */
    public String readinessDetail() {
        StorageService s = service;
        if (s == null) {
            return failure == null ? "not started" : failure;
        }
        if (!s.store().isLoaded()) {
            return "loading " + s.store().describe() + (failure == null ? "" : ": " + failure);
        }
        return s.store().describe();
    }

    /** This role's API without HTTP, for the other roles of {@code run}. */
    public InProcessStorage inProcess() {
        return new InProcessStorage(this::service);
    }

    /** The running service; 503 before start. */
    StorageService service() {
        StorageService s = service;
        if (s == null) {
            throw new StoreNotReadyException(failure == null ? "storage is starting" : failure);
        }
        return s;
    }
}
