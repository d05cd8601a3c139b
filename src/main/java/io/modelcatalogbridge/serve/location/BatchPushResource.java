package io.modelcatalogbridge.serve.location;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.modelcatalogbridge.model.LogSafe;
import io.modelcatalogbridge.serve.http.BodySizeLimit;
import io.modelcatalogbridge.serve.http.RoleNames;
import io.modelcatalogbridge.serve.location.auth.Access;
import io.modelcatalogbridge.storageapi.DecodedPages;
import io.modelcatalogbridge.storageapi.StorageWire;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Storage's batched pushes, {@code POST /upserts}: a JSON array of {@link StorageWire.BatchUpsert} (key and the body of
 * one {@code POST /upsert?key=}; {@code type} and {@code sourceId} are ignored), each checked and applied exactly as
 * {@link PushResource} applies one push. One bad document does not stop the others: the answer,
 * {@link StorageWire.BatchAnswer}, says per key what happened ({@code status} 400 or 413 and why for a refused one).
 * The array is read as a stream ({@link DecodedPages#readBatch}), each body decoded as it arrives, as one push's
 * record is; location's route ({@link LocationRoutes}) applies a batch through {@link #apply} too, so this resource
 * only answers what the route leaves to it (a body that is not a batch: 400). This bridge's endpoint, not the Go
 * contract's: a storage that gets 404 from an older location pushes one by one.
 */
@Path("/" + RoleNames.LOCATION)
@Access(Access.Level.WRITE)
public class BatchPushResource {

    private static final Logger LOG = Logger.getLogger(BatchPushResource.class);
    private static final JsonFactory JSON = new JsonFactory();

    private final ReadModel model;
    private final BodySizeLimit limit;

    BatchPushResource(ReadModel model, BodySizeLimit limit) {
        this.model = model;
        this.limit = limit;
    }

    @POST
    @Path(BodySizeLimit.BATCH_PATH)
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upserts(byte[] body) {
        byte[] answer =
                body == null || body.length == 0 ? null : apply(model, limit.maxBytes(), limit.checkBatch(body));
        if (answer == null) {
            return LocationResponses.error(
                    Response.Status.BAD_REQUEST, "body is not a JSON array of storage upsert records");
        }
        return Response.ok(answer).build();
    }

    /**
     * Applies a batch to {@code model}: every entry checked and upserted on its own, a document over
     * {@code maxDocumentBytes} (body, model card and card key as sent) refused with 413.
     *
     * @return the answer's JSON ({@link #answer}), or null when {@code body} is not a batch (nothing was applied)
     */
    static byte[] apply(ReadModel model, long maxDocumentBytes, byte[] body) {
        List<DecodedPages.BatchEntry> entries;
        try {
            entries = DecodedPages.readBatch(body);
        } catch (IOException e) {
            return null;
        }
        List<StorageWire.BatchResult> results = new ArrayList<>(entries.size());
        int applied = 0;
        for (DecodedPages.BatchEntry e : entries) {
            StorageWire.BatchResult r = apply(model, maxDocumentBytes, e);
            results.add(r);
            if (r.status() / 100 == 2) {
                applied++;
            }
        }
        LOG.debugf("push batch of %d: %d applied", entries.size(), applied);
        return answer(new StorageWire.BatchAnswer(results, applied, results.size() - applied));
    }

    private static StorageWire.BatchResult apply(ReadModel model, long maxDocumentBytes, DecodedPages.BatchEntry e) {
        DecodedPages.DecodedDocument d = e.document();
        if (e.sentChars() > maxDocumentBytes) {
            return refused(d, 413, "document larger than " + maxDocumentBytes + " bytes (bridge.http.max-body-size)");
        }
        ServedDocument doc;
        try {
            doc = WireDocuments.toDocument(d);
        } catch (WireDocuments.InvalidDocumentException bad) {
            return refused(d, 400, bad.getMessage());
        }
        ReadModel.Change change = model.upsert(doc);
        return new StorageWire.BatchResult(
                doc.storageKey(),
                change.name().toLowerCase(Locale.ROOT),
                change == ReadModel.Change.CREATED ? 201 : 200,
                null,
                null);
    }

    private static StorageWire.BatchResult refused(DecodedPages.DecodedDocument d, int status, String why) {
        return new StorageWire.BatchResult(LogSafe.text(d.key()), "refused", status, null, why);
    }

    /**
     * The answer's JSON, the bytes data binding writes for {@link StorageWire.BatchAnswer} (fields in declaration
     * order, absent ones left out), written with Jackson's generator: binding was ~6 % of a cold batch's own work.
     */
    static byte[] answer(StorageWire.BatchAnswer answer) {
        ByteArrayOutputStream out =
                new ByteArrayOutputStream(64 + 64 * answer.results().size());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("results");
            for (StorageWire.BatchResult r : answer.results()) {
                g.writeStartObject();
                writeIfPresent(g, "key", r.key());
                writeIfPresent(g, "result", r.result());
                g.writeNumberField("status", r.status());
                writeIfPresent(g, "lastUpdateTimeSinceEpoch", r.stored());
                writeIfPresent(g, "message", r.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("stored", answer.stored());
            g.writeNumberField("refused", answer.refused());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
        return out.toByteArray();
    }

    private static void writeIfPresent(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }
}
