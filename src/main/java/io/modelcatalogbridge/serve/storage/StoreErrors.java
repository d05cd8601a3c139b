package io.modelcatalogbridge.serve.storage;

import io.modelcatalogbridge.serve.http.JsonErrors;
import io.modelcatalogbridge.store.StoreException;
import io.modelcatalogbridge.store.StoreFullException;
import io.modelcatalogbridge.store.StoreNotReadyException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Store failures as HTTP answers (in {@link JsonErrors}' shape): not ready 503, full 507, any other backend failure
 * 500. Here, next to the storage API, so the shared HTTP pieces know nothing of persistence.
 */
public class StoreErrors {

    private static final Logger LOG = Logger.getLogger(StoreErrors.class);

    /** The status a store failure is answered with: not ready 503, full 507, anything else 500. */
    static int status(StoreException e) {
        if (e instanceof StoreNotReadyException) {
            return 503;
        }
        return e instanceof StoreFullException ? 507 : 500;
    }

    @ServerExceptionMapper
    public Response storeNotReady(StoreNotReadyException e) {
        LOG.warnf("503: %s", e.getMessage());
        return JsonErrors.error(503, e.getMessage());
    }

    @ServerExceptionMapper
    public Response storeFull(StoreFullException e) {
        LOG.errorf("507: %s", e.getMessage());
        return JsonErrors.error(507, e.getMessage());
    }

    @ServerExceptionMapper
    public Response store(StoreException e) {
        LOG.errorf("500: %s", e.getMessage());
        LOG.debug("store failure", e);
        return JsonErrors.error(500, e.getMessage());
    }
}
