package io.modelcatalogbridge.serve.location;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcatalogbridge.model.LogSafe;
import io.modelcatalogbridge.serve.http.BodySizeLimit;
import io.modelcatalogbridge.serve.http.RoleNames;
import io.modelcatalogbridge.serve.location.auth.Access;
import io.modelcatalogbridge.storageapi.StorageWire;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Storage's batched pushes, {@code POST /upserts}: a JSON array of {@link StorageWire.BatchUpsert} (key and the body of
 * one {@code POST /upsert?key=}; {@code type} and {@code sourceId} are ignored), each checked and applied exactly as
 * {@link PushResource} applies one push. One bad document does not stop the others: the answer,
 * {@link StorageWire.BatchAnswer}, says per key what happened ({@code status} 400 or 413 and why for a refused one).
 * This bridge's endpoint, not the Go contract's: a storage that gets 404 from an older location pushes one by one.
 */
@Path("/" + RoleNames.LOCATION)
@Access(Access.Level.WRITE)
public class BatchPushResource {

    private static final Logger LOG = Logger.getLogger(BatchPushResource.class);
    private static final TypeReference<List<StorageWire.BatchUpsert>> BATCH = new TypeReference<>() {};

    private final ReadModel model;
    private final BodySizeLimit limit;
    private final ObjectMapper json = new ObjectMapper();

    BatchPushResource(ReadModel model, BodySizeLimit limit) {
        this.model = model;
        this.limit = limit;
    }

    @POST
    @Path(BodySizeLimit.BATCH_PATH)
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upserts(byte[] body) {
        List<StorageWire.BatchUpsert> entries = null;
        if (body != null && body.length > 0) {
            try {
                entries = json.readValue(limit.checkBatch(body), BATCH);
            } catch (IOException e) {
                // answered below
            }
        }
        if (entries == null || entries.contains(null)) {
            return LocationResponses.error(
                    Response.Status.BAD_REQUEST, "body is not a JSON array of storage upsert records");
        }
        List<StorageWire.BatchResult> results = new ArrayList<>(entries.size());
        int applied = 0;
        for (StorageWire.BatchUpsert e : entries) {
            StorageWire.BatchResult r = apply(e);
            results.add(r);
            if (r.status() / 100 == 2) {
                applied++;
            }
        }
        LOG.debugf("push batch of %d: %d applied", entries.size(), applied);
        return Response.ok(new StorageWire.BatchAnswer(results, applied, results.size() - applied))
                .build();
    }

    private StorageWire.BatchResult apply(StorageWire.BatchUpsert e) {
        long size = length(e.body()) + length(e.modelCard()) + length(e.modelCardKey());
        if (size > limit.maxBytes()) {
            return refused(e, 413, "document larger than " + limit.maxBytes() + " bytes (bridge.http.max-body-size)");
        }
        ServedDocument doc;
        try {
            doc = WireDocuments.toDocument(
                    e.key(), e.body(), e.lastUpdateTimeSinceEpoch(), e.modelCardKey(), e.modelCard());
        } catch (WireDocuments.InvalidDocumentException bad) {
            return refused(e, 400, bad.getMessage());
        }
        ReadModel.Change change = model.upsert(doc);
        return new StorageWire.BatchResult(
                doc.storageKey(),
                change.name().toLowerCase(Locale.ROOT),
                change == ReadModel.Change.CREATED ? 201 : 200,
                null,
                null);
    }

    private static StorageWire.BatchResult refused(StorageWire.BatchUpsert e, int status, String why) {
        return new StorageWire.BatchResult(LogSafe.text(e.key()), "refused", status, null, why);
    }

    private static long length(String s) {
        return s == null ? 0 : s.length();
    }
}
