package io.modelcatalogbridge.serve.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcatalogbridge.model.EpochMillis;
import io.modelcatalogbridge.model.LogSafe;
import io.modelcatalogbridge.serve.http.ApiException;
import io.modelcatalogbridge.serve.http.BodySizeLimit;
import io.modelcatalogbridge.serve.http.RoleNames;
import io.modelcatalogbridge.storageapi.DocumentGrammar;
import io.modelcatalogbridge.storageapi.StorageWire;
import io.modelcatalogbridge.store.StoreException;
import io.modelcatalogbridge.store.StoreResult;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The storage REST API of the Go bridge (docs/configuration-storage.md, API), byte-compatible with it, plus
 * {@code GET /documents} for bulk readers, {@code GET /digests} for the normalizer's reconcile and {@code POST /upserts}
 * for many upserts in one request. Mounted under {@code /storage}; reached as {@code /upsert}, {@code /list}, … on the storage port. Input
 * is validated here, before anything is stored.
 */
@Path("/" + RoleNames.STORAGE)
@Produces(MediaType.APPLICATION_JSON)
public class StorageResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<StorageWire.BatchUpsert>> BATCH = new TypeReference<>() {};
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
        StorageWire.UpsertRequest req = parse(limit.check(body));
        StorageService.Upserted done;
        try {
            done = server.service().upsert(key, type, req);
        } catch (DocumentGrammar.Violation | EpochMillis.InvalidTimestampException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        StoreResult r = done.result();
        String message = r == StoreResult.STALE
                ? "ignored: lastUpdateTimeSinceEpoch " + LogSafe.text(req.lastUpdateTimeSinceEpoch())
                        + " is older than the stored " + done.stored().lastUpdateTimeSinceEpoch()
                : null;
        return Response.status(r == StoreResult.CREATED ? 201 : 200)
                .entity(new StorageWire.UpsertAnswer(
                        key, r.name().toLowerCase(Locale.ROOT), done.stored().lastUpdateTimeSinceEpoch(), message))
                .build();
    }

    /**
     * Many upserts in one request (this bridge's, not the Go contract's: an older client never calls it, a client of
     * this bridge falls back to {@code /upsert} when it gets 404): a JSON array of {@link StorageWire.BatchUpsert}, each
     * the key, type and body of one {@code POST /upsert}. Each entry is checked and stored on its own — one that is
     * refused ({@code status} 400, or 413 over {@code bridge.http.max-body-size}) or fails (5xx) does not stop the
     * others — and the answer, {@link StorageWire.BatchAnswer}, says what happened to each, in request order. 200
     * whenever the request itself was one; everything stored is durable before the answer.
     */
    @POST
    @Path(BodySizeLimit.BATCH_PATH)
    public StorageWire.BatchAnswer upserts(byte[] body) {
        List<StorageWire.BatchUpsert> entries = parseBatch(limit.checkBatch(body));
        List<StorageWire.BatchResult> results = new ArrayList<>(entries.size());
        int stored = 0;
        for (StorageService.BatchItem item : server.service().upsertAll(entries, limit.maxBytes())) {
            results.add(batchResult(item));
            if (item.done() != null && item.done().result() != StoreResult.STALE) {
                stored++;
            }
        }
        return new StorageWire.BatchAnswer(results, stored, results.size() - stored);
    }

    private static StorageWire.BatchResult batchResult(StorageService.BatchItem item) {
        if (item.done() == null) {
            return new StorageWire.BatchResult(
                    LogSafe.text(item.key()),
                    item.status() >= 500 ? "failed" : "refused",
                    item.status(),
                    null,
                    item.problem());
        }
        StoreResult r = item.done().result();
        String storedTime = item.done().stored().lastUpdateTimeSinceEpoch();
        return new StorageWire.BatchResult(
                item.key(),
                r.name().toLowerCase(Locale.ROOT),
                r == StoreResult.CREATED ? 201 : 200,
                storedTime.isEmpty() ? null : storedTime,
                r == StoreResult.STALE ? "ignored: older than the stored " + storedTime : null);
    }

    private static List<StorageWire.BatchUpsert> parseBatch(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("error reading POST body: empty body (a JSON array of upserts)");
        }
        List<StorageWire.BatchUpsert> entries;
        try {
            entries = JSON.readValue(body, BATCH);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("error reading POST body: not a JSON array of upserts ("
                    + LogSafe.text(e.getOriginalMessage()) + ")");
        } catch (IOException e) {
            throw ApiException.badRequest("error reading POST body: " + e.getMessage());
        }
        if (entries == null || entries.contains(null)) {
            throw ApiException.badRequest("error reading POST body: a JSON array of upsert objects, without nulls");
        }
        return entries;
    }

    /**
     * The Go contract: {@code key=k1,k2,…} names every document that exists, and {@code key=} (present, empty)
     * means that none exists, so everything is removed. A request without a {@code key} parameter at all, or with
     * the key set in a body (a form post), is a client's mistake and removes nothing: a missing parameter must
     * never read as "no models exist". Every key in the set must be a valid key.
     */
    @POST
    @Path("/currentkeyset")
    public Response currentKeySet(@Context UriInfo uri, byte[] body) {
        if (body != null && body.length > 0) {
            throw ApiException.badRequest("POST /currentkeyset takes no body: the key set goes in the query"
                    + " (?key=k1,k2; ?key= with nothing means no models exist); nothing was removed");
        }
        // Not @QueryParam: Quarkus REST reads "key=" (present, empty) as null, the same as no parameter at all.
        List<String> given = uri.getQueryParameters().get("key");
        String keys = given == null || given.isEmpty() ? null : given.get(0);
        if (keys == null) {
            throw ApiException.badRequest("need a 'key' query parameter (?key=k1,k2; ?key= with nothing means"
                    + " no models exist); nothing was removed");
        }
        Set<String> keep = new HashSet<>();
        for (String k : keys.split(",")) {
            if (!k.isEmpty()) {
                try {
                    keep.add(DocumentGrammar.key(k));
                } catch (DocumentGrammar.Violation e) {
                    throw ApiException.badRequest("key set: " + e.getMessage() + "; nothing was removed");
                }
            }
        }
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
                .orElseThrow(() -> ApiException.notFound("no document stored for key " + LogSafe.text(key)));
    }

    @GET
    @Path("/documents")
    public StorageWire.Documents documents(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        return WireRecords.documents(server.service().all(), after, pageLimit(limit, Integer.MAX_VALUE));
    }

    /**
     * What storage holds, without bodies: key, content digest ({@link io.modelcatalogbridge.storageapi.ContentDigest}),
     * time, type and source, in key order, {@code limit} a page (default {@value #DEFAULT_DIGEST_PAGE}). The first
     * page re-reads the backend first. The normalizer compares this with what it would send at every full sync.
     */
    @GET
    @Path("/digests")
    public StorageWire.Digests digests(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        Integer max = pageLimit(limit, MAX_DIGEST_PAGE);
        return server.service().digests(after, max == null ? DEFAULT_DIGEST_PAGE : max);
    }

    /**
     * A page's {@code limit}: absent is {@code null} (the endpoint's default), anything but a whole number from 1 to
     * {@code most} is a 400. Read as text: a JAX-RS {@code Integer} parameter that does not parse answers 404, not
     * the 400 it is.
     */
    private static Integer pageLimit(String text, int most) {
        if (text == null || text.isBlank()) {
            return null;
        }
        int limit;
        try {
            limit = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit must be a whole number, was " + LogSafe.text(text));
        }
        if (limit < 1 || limit > most) {
            throw ApiException.badRequest(
                    most == Integer.MAX_VALUE ? "limit must be at least 1" : "limit must be between 1 and " + most);
        }
        return limit;
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
        return req;
    }
}
