package io.modelcatalogbridge.serve.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.modelcatalogbridge.store.StorageWire;
import io.modelcatalogbridge.store.StoreException;
import io.modelcatalogbridge.store.StoreFullException;
import io.modelcatalogbridge.store.StoreNotReadyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place exceptions become HTTP answers: always {@code {"error": "..."}} with the status the exception stands
 * for. Only server-side failures (5xx) are logged, once, without stack traces unless DEBUG is on.
 */
public class JsonErrors {

    private static final Logger LOG = Logger.getLogger(JsonErrors.class);

    /** A JSON error answer. */
    public static Response error(int status, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new StorageWire.Error(message))
                .build();
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return error(e.status(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response storeNotReady(StoreNotReadyException e) {
        LOG.warnf("503: %s", e.getMessage());
        return error(503, e.getMessage());
    }

    @ServerExceptionMapper
    public Response storeFull(StoreFullException e) {
        LOG.errorf("507: %s", e.getMessage());
        return error(507, e.getMessage());
    }

    @ServerExceptionMapper
    public Response store(StoreException e) {
        LOG.errorf("500: %s", e.getMessage());
        LOG.debug("store failure", e);
        return error(500, e.getMessage());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return error(400, "invalid JSON: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return error(status, reason == null || reason.isBlank() ? "HTTP " + status : reason);
    }

    @ServerExceptionMapper(priority = 6000)
    public Response other(Exception e) {
        LOG.errorf("500: unexpected %s: %s", e.getClass().getSimpleName(), e.getMessage());
        LOG.debug("unexpected failure", e);
        return error(500, "internal error: " + e.getClass().getSimpleName());
    }
}
