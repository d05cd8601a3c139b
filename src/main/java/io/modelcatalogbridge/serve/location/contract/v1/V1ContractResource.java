package io.modelcatalogbridge.serve.location.contract.v1;

import io.modelcatalogbridge.serve.http.RoleNames;
import io.modelcatalogbridge.serve.location.DocumentFormat;
import io.modelcatalogbridge.serve.location.LocationResponses;
import io.modelcatalogbridge.serve.location.ReadModel;
import io.modelcatalogbridge.serve.location.auth.Access;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * The current location contract (RHDH catalog module ≥ 0.10, the contract of RHDH's in-Backstage connector) under
 * {@value #BASE_PATH}: Backstage's {@code discovery.endpoints} target for the provider id points here. Only JSON
 * documents are listed and served, as the module parses every answer as JSON.
 *
 * <p>Reads run on the I/O thread ({@code @NonBlocking}): each answer is a lookup in memory ({@link ReadModel}).
 */
@Path("/" + RoleNames.LOCATION + V1ContractResource.BASE_PATH)
@Access(Access.Level.READ)
public class V1ContractResource {

    /** Path of the current contract on location's port. */
    public static final String BASE_PATH = "/api/model-catalog-bridge";

    private final ReadModel model;

    V1ContractResource(ReadModel model) {
        this.model = model;
    }

    @GET
    @NonBlocking
    @Path("list")
    public Response list() {
        return LocationResponses.list(model, true);
    }

    @GET
    @NonBlocking
    @Path("models/{seg1}/{seg2}")
    public Response model(@PathParam("seg1") String seg1, @PathParam("seg2") String seg2) {
        return LocationResponses.document(model.find(seg1, seg2).filter(d -> d.format() == DocumentFormat.JSON));
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
