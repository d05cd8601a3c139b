package io.modelcatalogbridge.serve.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcatalogbridge.model.EpochMillis;
import io.modelcatalogbridge.serve.http.ApiException;
import io.modelcatalogbridge.serve.http.BodySizeLimit;
import io.modelcatalogbridge.storageapi.StorageKeys;
import io.modelcatalogbridge.storageapi.StorageWire;
import io.modelcatalogbridge.store.StoreException;
import io.modelcatalogbridge.store.StoreResult;
import io.modelcatalogbridge.store.StoredDocument;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The storage REST API of the Go bridge (docs/configuration-storage.md, API), byte-compatible with it, plus
 * {@code GET /documents} for bulk readers and {@code GET /digests} for the normalizer's reconcile. Mounted under {@code /storage}; reached as {@code /upsert}, {@code /list}, … on the storage port. Input
 * is validated here, before anything is stored.
 */
@Path("/storage")
@Produces(MediaType.APPLICATION_JSON)
public class StorageResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int DEFAULT_DIGEST_PAGE = 1000;
    static final int MAX_DIGEST_PAGE = 10_000;

    private final StorageServer server;
    private final BodySizeLimit limit;

    StorageResource(StorageServer server, BodySizeLimit limit) {
        this.server = server;
        this.limit = limit;
    }

    @POST
    @Path("/upsert")
    public Response upsert(@QueryParam("key") String key, @QueryParam("type") String type, byte[] body) {
        String k = validKey(key);
        StorageWire.UpsertRequest req = parse(limit.check(body));
        StoredDocument doc = StoredDocument.of(
                        req.body(),
                        type == null ? "" : type.strip().toLowerCase(Locale.ROOT),
                        req.lastUpdateTimeSinceEpoch(),
                        req.modelCardKey(),
                        req.modelCard())
                .withSource(req.sourceId());
        StorageService.Upserted done;
        try {
            done = server.service().upsert(k, doc);
        } catch (EpochMillis.InvalidTimestampException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        StoreResult r = done.result();
        String message = r == StoreResult.STALE
                ? "ignored: lastUpdateTimeSinceEpoch " + doc.lastUpdateTimeSinceEpoch() + " is older than the stored "
                        + done.stored().lastUpdateTimeSinceEpoch()
                : null;
        return Response.status(r == StoreResult.CREATED ? 201 : 200)
                .entity(new StorageWire.UpsertAnswer(
                        k, r.name().toLowerCase(Locale.ROOT), done.stored().lastUpdateTimeSinceEpoch(), message))
                .build();
    }

    @POST
    @Path("/currentkeyset")
    public Response currentKeySet(@QueryParam("key") @DefaultValue("") String keys) {
        Set<String> keep =
                Arrays.stream(keys.split(",")).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        StorageService.Pruned pruned = server.service().retainOnly(keep);
        if (!pruned.failures().isEmpty()) {
            throw new StoreException("removed " + pruned.removed().size() + " documents; failed: "
                    + String.join("; ", pruned.failures()));
        }
        return Response.ok(new StorageWire.PruneAnswer(pruned.removed(), keep.size()))
                .build();
    }

    @GET
    @Path("/list")
    public StorageWire.KeyList list() {
        return new StorageWire.KeyList(server.service().keys());
    }

    @GET
    @Path("/fetch")
    public StorageWire.FetchResponse fetch(@QueryParam("key") String key) {
        if (key == null || key.isEmpty()) {
            throw ApiException.badRequest("need a 'key' parameter");
        }
        return server.service()
                .fetch(key)
                .map(WireRecords::toWire)
                .orElseThrow(() -> ApiException.notFound("no document stored for key " + key));
    }

    @GET
    @Path("/documents")
    public StorageWire.Documents documents(@QueryParam("after") String after, @QueryParam("limit") Integer max) {
        if (max != null && max < 1) {
            throw ApiException.badRequest("limit must be at least 1");
        }
        return WireRecords.page(server.service().all(), after, max);
    }

    /**
     * What storage holds, without bodies: key, content digest ({@link io.modelcatalogbridge.storageapi.ContentDigest}),
     * time, type and source, in key order, {@code limit} a page (default {@value #DEFAULT_DIGEST_PAGE}). The first
     * page re-reads the backend first. The normalizer compares this with what it would send at every full sync.
     */
    @GET
    @Path("/digests")
    public StorageWire.Digests digests(@QueryParam("after") String after, @QueryParam("limit") Integer max) {
        if (max != null && (max < 1 || max > MAX_DIGEST_PAGE)) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_DIGEST_PAGE);
        }
        return server.service().digests(after, max == null ? DEFAULT_DIGEST_PAGE : max);
    }

    private static String validKey(String key) {
        try {
            return StorageKeys.require(key);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static StorageWire.UpsertRequest parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("error reading POST body: empty body");
        }
        StorageWire.UpsertRequest req;
        try {
            req = JSON.readValue(body, StorageWire.UpsertRequest.class);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("error reading POST body: invalid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw ApiException.badRequest("error reading POST body: " + e.getMessage());
        }
        if (req == null || req.body() == null) {
            throw ApiException.badRequest("error reading POST body: missing 'body' (base64 of the document)");
        }
        String canonical;
        try {
            // Go decoded the body to bytes and encoded it again on /fetch: store the canonical base64 as Go did.
            canonical = Base64.getEncoder()
                    .encodeToString(Base64.getDecoder()
                            .decode(req.body().replace("\n", "").replace("\r", "")));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("error reading POST body: 'body' is not valid base64");
        }
        // The time is checked by the service (EpochMillis), for HTTP and in-process callers alike.
        return new StorageWire.UpsertRequest(
                canonical, req.lastUpdateTimeSinceEpoch(), req.modelCardKey(), req.modelCard(), req.sourceId());
    }
}
