package io.modelcatalogbridge.serve.location.contract.gobridge;

import io.modelcatalogbridge.serve.http.RoleNames;
import io.modelcatalogbridge.serve.location.LocationResponses;
import io.modelcatalogbridge.serve.location.ReadModel;
import io.modelcatalogbridge.serve.location.auth.Access;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * The Go bridge's location contract at the root of the port (catalog module 0.2–0.9): {@code GET /list} answers
 * {@code {"uris": ["/<seg1>/<seg2>/<file>", …]}} and the module fetches {@code baseUrl + uri}; model cards by
 * {@code /modelcard?key=} and, for the absolute {@code TechDocs} URLs in documents, by
 * {@code /modelcard/<sourceId>/<model name>}.
 *
 * <p>Reads run on the I/O thread ({@code @NonBlocking}): each answer is a lookup in memory ({@link ReadModel}).
 */
@Path("/" + RoleNames.LOCATION)
@Access(Access.Level.READ)
public class GoBridgeContractResource {

    private final ReadModel model;

    GoBridgeContractResource(ReadModel model) {
        this.model = model;
    }

    @GET
    @NonBlocking
    @Path("list")
    public Response list() {
        return LocationResponses.list(model, false);
    }

    @GET
    @NonBlocking
    @Path("{seg1}/{seg2}/{file}")
    public Response document(
            @PathParam("seg1") String seg1, @PathParam("seg2") String seg2, @PathParam("file") String file) {
        return LocationResponses.document(
                model.find(seg1, seg2).filter(d -> d.format().fileName().equals(file)));
    }

    @GET
    @NonBlocking
    @Path("modelcard")
    @Access(Access.Level.MODEL_CARD)
    public Response modelCardByKey(
            @QueryParam("key") String key, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        if (key == null || key.isBlank()) {
            return LocationResponses.error(Response.Status.BAD_REQUEST, "missing 'key' query parameter");
        }
        return LocationResponses.modelCard(model.card(key), ifNoneMatch);
    }

    @GET
    @NonBlocking
    @Path("modelcard/{sourceId}/{name: .+}")
    @Access(Access.Level.MODEL_CARD)
    public Response modelCard(
            @PathParam("sourceId") String sourceId,
            @PathParam("name") String name,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return LocationResponses.modelCard(model.card(sourceId + "/" + name), ifNoneMatch);
    }
}
