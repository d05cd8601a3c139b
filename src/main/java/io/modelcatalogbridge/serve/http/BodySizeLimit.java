package io.modelcatalogbridge.serve.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses request bodies above {@code bridge.http.max-body-size} with 413 and a JSON error: early from the
 * {@code Content-Length} header, and, for bodies sent without one (chunked), by resources calling {@link #check}
 * on what they read. Quarkus' own {@code quarkus.http.limits.max-body-size} stays set higher as a memory backstop.
 */
@ApplicationScoped
public class BodySizeLimit {

    private final HttpConfig config;

    BodySizeLimit(HttpConfig config) {
        this.config = config;
    }

    public long maxBytes() {
        return config.maxBodySize().asLongValue();
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> early(ContainerRequestContext ctx) {
        String length = ctx.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                if (Long.parseLong(length.strip()) > maxBytes()) {
                    return Optional.of(JsonErrors.error(
                            413, ApiException.tooLarge(maxBytes()).getMessage()));
                }
            } catch (NumberFormatException e) {
                return Optional.of(JsonErrors.error(400, "invalid Content-Length"));
            }
        }
        return Optional.empty();
    }

    /**
     * Checks a body that was read.
     *
     * @throws ApiException 413 when it is too large
     */
    public byte[] check(byte[] body) {
        if (body != null && body.length > maxBytes()) {
            throw ApiException.tooLarge(maxBytes());
        }
        return body;
    }
}
