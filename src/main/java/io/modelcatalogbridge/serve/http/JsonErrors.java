package io.modelcatalogbridge.serve.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.json.Json;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place error answers are built: always {@code {"error": "..."}} ({@link Body}) with the status the failure
 * stands for. Resources, filters and the role-specific exception mappers (storage's store failures) all answer
 * through {@link #error}; the Vert.x guards in front of JAX-RS through {@link #json}. ArchitectureTest fails the build
 * if an error body is built anywhere else. Only server-side failures (5xx) are logged, once, without stack traces unless DEBUG is on.
 */
public class JsonErrors {

    private static final Logger LOG = Logger.getLogger(JsonErrors.class);

    /** Error body of every non-2xx answer of this bridge: {@code {"error": "..."}}, as the Go bridge answered. */
    @RegisterForReflection
    public record Body(@JsonProperty("error") String error) {}

    /**
     * The error body as JSON text, for the Vert.x handlers that answer before a request reaches JAX-RS (body size,
     * the metrics token, undecodable requests): the same {@link Body} shape, serialized by the same Jackson.
     */
    public static String json(String message) {
        return Json.encode(new Body(message));
    }

    /** A JSON error answer. */
    public static Response error(int status, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new Body(message))
                .build();
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return error(e.status(), e.getMessage());
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
