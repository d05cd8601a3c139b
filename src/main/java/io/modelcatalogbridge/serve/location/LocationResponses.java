package io.modelcatalogbridge.serve.location;

import io.modelcatalogbridge.serve.http.JsonErrors;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * The answers both contracts share: list bodies, documents, model cards with ETags, JSON errors. Bodies held in
 * memory are answered as Vert.x buffers that wrap the held bytes: the HTTP layer writes them to the socket as they
 * are, with no per-request copy on the heap (a {@code byte[]} entity would be copied into a new buffer each time).
 */
public final class LocationResponses {

    /** Content type of model cards. */
    public static final String MARKDOWN = "text/markdown; charset=utf-8";

    private LocationResponses() {}

    /**
     * A {@code /list} body, or 503 before the first load: an empty list would make Backstage delete every entity
     * this bridge provides.
     */
    public static Response list(ReadModel model, boolean currentEra) {
        if (!model.loaded()) {
            return error(
                    Response.Status.SERVICE_UNAVAILABLE, "not ready: the first load from storage has not completed");
        }
        return Response.ok(model.listAnswer(currentEra), MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    /** A document with its own content type, or 404. */
    public static Response document(Optional<ServedDocument> doc) {
        return doc.map(d ->
                        Response.ok(body(d.bytes()), d.format().contentType()).build())
                .orElseGet(LocationResponses::notFound);
    }

    /**
     * A model card: 304 when the caller's {@code If-None-Match} names its ETag, 200 otherwise (old TechDocs readers
     * send no conditional headers), 404 when unknown.
     */
    public static Response modelCard(Optional<ServedCard> card, String ifNoneMatch) {
        if (card.isEmpty()) {
            return notFound();
        }
        ServedCard c = card.get();
        if (matches(ifNoneMatch, c.etag())) {
            return Response.notModified().header(HttpHeaders.ETAG, c.etag()).build();
        }
        return Response.ok(body(c.markdown()), MARKDOWN)
                .header(HttpHeaders.ETAG, c.etag())
                .build();
    }

    /** A read-only view of bytes that are never changed after they are held (documents, cards, list bodies). */
    static Buffer body(byte[] bytes) {
        return Buffer.buffer(Unpooled.wrappedBuffer(bytes));
    }

    public static Response notFound() {
        return error(Response.Status.NOT_FOUND, "Not Found");
    }

    public static Response error(Response.Status status, String message) {
        return JsonErrors.error(status.getStatusCode(), message);
    }

    /** RFC 9110 {@code If-None-Match}: {@code *} or a list of tags, compared weakly. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        String strong = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String candidate : ifNoneMatch.split(",")) {
            String t = candidate.trim();
            if (t.equals("*")) {
                return true;
            }
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals(strong)) {
                return true;
            }
        }
        return false;
    }
}
