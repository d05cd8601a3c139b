package io.modelcatalogbridge.serve.location;

import io.modelcatalogbridge.serve.http.RoleNames;
import io.modelcatalogbridge.serve.http.TokenlessAccess;
import io.modelcatalogbridge.serve.location.auth.LocationAccess;
import io.modelcatalogbridge.serve.location.auth.LocationAuthConfig;
import io.modelcatalogbridge.storageapi.StorageApi;
import io.modelcatalogbridge.storageapi.StorageHttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What the {@code location} role runs: serves catalog documents to Developer Hub from memory, in both contract
 * generations. Start-up loads everything from storage (retrying until storage answers; not ready before), storage's
 * pushes keep it current, and a periodic full reload heals missed pushes. Reaches storage through its API only.
 */
@ApplicationScoped
public class LocationServer {

    private static final Logger LOG = Logger.getLogger(LocationServer.class);

    private final ReadModel model;
    private final LocationConfig config;
    private final LocationAuthConfig authConfig;
    private final LocationAccess access;
    private final TokenlessAccess tokenless;
    private StorageSync sync;

    LocationServer(
            ReadModel model,
            LocationConfig config,
            LocationAuthConfig authConfig,
            LocationAccess access,
            TokenlessAccess tokenless) {
        this.tokenless = tokenless;
        this.model = model;
        this.config = config;
        this.authConfig = authConfig;
        this.access = access;
    }

    /** Loads from and reconciles with the storage role's REST API ({@code STORAGE_URL}). */
    public synchronized void start() {
        // Storage's token (STORAGE_TOKEN), when storage requires one.
        start(
                new StorageHttpClient(
                        URI.create(config.storageUrl()),
                        config.storageTimeout(),
                        () -> config.storageToken().filter(t -> !t.isBlank())),
                true);
    }

    /** Loads from and reconciles with {@code storage} in process ({@code run}), which also hands changes over. */
    public synchronized void start(StorageApi storage) {
        start(storage, false);
    }

    private void start(StorageApi storage, boolean pushedOverHttp) {
        if (access.enabled()) {
            LOG.infof("location auth: %s", access.describe(pushedOverHttp));
        } else {
            LOG.warnf(
                    "location auth: %s. Set BACKSTAGE_JWKS_URL with MODEL_CATALOG_PROVIDER_ID, and/or BRIDGE_TOKEN",
                    access.describe());
            LOG.warn(tokenless.openEndpointsWarning(
                    RoleNames.LOCATION,
                    "BRIDGE_TOKEN",
                    "the push endpoints POST /upsert, POST /upserts and DELETE /remove"));
        }
        sync = new StorageSync(model, storage, config);
        sync.start();
    }

    /**
     * A change pushed in process ({@code run}): the same validation and read-model update as storage's HTTP push.
     *
     * @throws WireDocuments.InvalidDocumentException when the record is not a servable document
     */
    public void accept(String storageKey, String base64Body, String lastUpdate, String cardKey, String card)
            throws WireDocuments.InvalidDocumentException {
        model.upsert(WireDocuments.toDocument(storageKey, base64Body, lastUpdate, cardKey, card));
    }

    /** A removal pushed in process ({@code run}). */
    public void drop(String storageKey) {
        model.remove(storageKey);
    }

    public synchronized void stop() {
        if (sync != null) {
            sync.stop();
        }
    }

    /** Whether the first full load from storage has completed. */
    public boolean ready() {
        return model.loaded();
    }

    /** What location serves, or why it is not ready. */
    public String readinessDetail() {
        if (model.loaded()) {
            return model.size() + " documents";
        }
        return Optional.ofNullable(sync).map(StorageSync::lastError).orElse("not started");
    }
}
