package io.modelcatalogbridge.serve.location;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.modelcatalogbridge.serve.http.RoleNames;
import io.modelcatalogbridge.serve.location.auth.Access;
import io.modelcatalogbridge.storageapi.DecodedPages;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Storage's pushes ({@code POST /upsert?key=}, {@code DELETE /remove?key=}), the Go bridge's internal contract:
 * the body is storage's upsert record (base64 document, timestamp, model-card key and markdown). 201 when the
 * document is new, 200 otherwise, 400 for a missing or non-canonical key or an unreadable body.
 */
@Path("/" + RoleNames.LOCATION)
@Access(Access.Level.WRITE)
public class PushResource {

    private static final Logger LOG = Logger.getLogger(PushResource.class);

    private final ReadModel model;

    PushResource(ReadModel model) {
        this.model = model;
    }

    @POST
    @Path("upsert")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upsert(@QueryParam("key") String key, byte[] body) {
        ServedDocument doc;
        try {
            doc = document(key, body);
        } catch (WireDocuments.InvalidDocumentException e) {
            return LocationResponses.error(Response.Status.BAD_REQUEST, e.getMessage());
        }
        ReadModel.Change change = model.upsert(doc);
        LOG.debugf("push upsert %s: %s", doc.storageKey(), change);
        return Response.status(change == ReadModel.Change.CREATED ? Response.Status.CREATED : Response.Status.OK)
                .entity(answer(doc.storageKey(), change))
                .build();
    }

    /**
     * The document a push carries: storage's upsert record under {@code key}, checked as {@link WireDocuments}
     * checks every document location serves.
     *
     * @throws WireDocuments.InvalidDocumentException when the body is not an upsert record or not servable
     */
    static ServedDocument document(String key, byte[] body) throws WireDocuments.InvalidDocumentException {
        DecodedPages.DecodedDocument request;
        try {
            request = body == null ? null : DecodedPages.readRecord(key, body);
        } catch (IOException e) {
            request = null;
        }
        if (request == null) {
            throw new WireDocuments.InvalidDocumentException("body is not a storage upsert record");
        }
        return WireDocuments.toDocument(request);
    }

    /**
     * The answer to a push, {@code {"key":"<storage key>","result":"created"|"updated"|…}}, as the bytes of its JSON,
     * key first, for this resource and location's route alike: written directly instead of through a JSON mapper,
     * which was a quarter of a cold push's own work (docs/benchmarks.md, "Side by side with the Go bridge").
     */
    static byte[] answer(String storageKey, ReadModel.Change change) {
        StringBuilder json = new StringBuilder(storageKey.length() + 40).append("{\"key\":\"");
        JsonStringEncoder.getInstance().quoteAsString(storageKey, json);
        return json.append("\",\"result\":\"")
                .append(change.name().toLowerCase(Locale.ROOT))
                .append("\"}")
                .toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    @DELETE
    @Path("remove")
    @Produces(MediaType.APPLICATION_JSON)
    public Response remove(@QueryParam("key") String key) {
        String storageKey;
        try {
            storageKey = WireDocuments.parseKey(key).storageKey();
        } catch (WireDocuments.InvalidDocumentException e) {
            return LocationResponses.error(Response.Status.BAD_REQUEST, e.getMessage());
        }
        ReadModel.Change change = model.remove(storageKey);
        LOG.debugf("push remove %s: %s", storageKey, change);
        return Response.ok(answer(storageKey, change)).build();
    }
}
