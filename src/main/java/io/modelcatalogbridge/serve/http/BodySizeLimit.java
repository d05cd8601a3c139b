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

    /** The largest body of one request, and of one document in a batch. */
    public long maxBytes() {
        return config.maxBodySize().asLongValue();
    }

    /** The largest body of a batch endpoint ({@value #BATCH_PATH} of storage and location). */
    public long maxBatchBytes() {
        return config.maxBatchBodySize().asLongValue();
    }

    /** Path (suffix) of the batch endpoints, which take up to {@link #maxBatchBytes()}. */
    public static final String BATCH_PATH = "/upserts";

    /** The limit of a request to {@code path}: the batch limit for a batch endpoint, else the one of every body. */
    public long maxBytes(String path) {
        return isBatch(path) ? maxBatchBytes() : maxBytes();
    }

    /** The 413 of a request to {@code path}, naming the limit that applies and its property. */
    public ApiException tooLarge(String path) {
        return isBatch(path)
                ? ApiException.tooLarge(maxBatchBytes(), "bridge.http.max-batch-body-size")
                : ApiException.tooLarge(maxBytes());
    }

    private static boolean isBatch(String path) {
        return path != null && path.endsWith(BATCH_PATH);
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> early(ContainerRequestContext ctx) {
        String length = ctx.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                String path = ctx.getUriInfo().getPath();
                if (Long.parseLong(length.strip()) > maxBytes(path)) {
                    return Optional.of(JsonErrors.error(413, tooLarge(path).getMessage()));
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

    /**
     * Checks a batch body that was read.
     *
     * @throws ApiException 413 when it is too large
     */
    public byte[] checkBatch(byte[] body) {
        if (body != null && body.length > maxBatchBytes()) {
            throw tooLarge(BATCH_PATH);
        }
        return body;
    }
}
