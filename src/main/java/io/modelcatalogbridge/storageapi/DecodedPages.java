package io.modelcatalogbridge.storageapi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Reads a page of storage's {@code GET /documents} as it streams in, decoding each record's base64 body straight
 * into the document's bytes: no text of the whole page, no string per body, no record objects in between. A first
 * load of 10,000 documents (~16 MB of JSON in 20 pages) allocated ~4 MB per page that way — the page as text, each
 * body as text and again as bytes for the decoder — which a 4 MiB young generation promoted to the old one, where
 * only full collections free it. The result is exactly what {@link StorageWire.Documents} read with Jackson's data
 * binding and {@link Base64#getDecoder()} give (a body that is not base64 is reported as such, never guessed at);
 * unknown fields are skipped at every level.
 */
public final class DecodedPages {

    private static final JsonFactory JSON = new JsonFactory();

    private DecodedPages() {}

    /**
     * One record of a page, its body decoded.
     *
     * @param body       the document's bytes; null when the record has no body, an empty one, or one that is not base64
     * @param notBase64  the record has a body, but it is not base64 (so {@code body} is null)
     */
    public record DecodedDocument(
            String key,
            byte[] body,
            boolean notBase64,
            String lastUpdateTimeSinceEpoch,
            String modelCardKey,
            String modelCard) {}

    /** A page: records in key order; {@code next} is the {@code after} value of the next page (null: last). */
    public record DecodedPage(List<DecodedDocument> documents, String next) {}

    /** The same page as read by data binding (storages that answer in process, test stubs). */
    public static DecodedPage of(StorageWire.Documents page) {
        List<DecodedDocument> out = new ArrayList<>();
        if (page.documents() != null) {
            for (StorageWire.Document d : page.documents()) {
                StorageWire.FetchResponse r = d.record();
                out.add(
                        r == null
                                ? new DecodedDocument(d.key(), null, false, null, null, null)
                                : decoded(
                                        d.key(),
                                        r.body(),
                                        r.lastUpdateTimeSinceEpoch(),
                                        r.modelCardKey(),
                                        r.modelCard()));
            }
        }
        return new DecodedPage(out, page.next());
    }

    private static DecodedDocument decoded(String key, String base64, String time, String cardKey, String card) {
        if (base64 == null || base64.isEmpty()) {
            return new DecodedDocument(key, null, false, time, cardKey, card);
        }
        try {
            return new DecodedDocument(key, Base64.getDecoder().decode(base64), false, time, cardKey, card);
        } catch (IllegalArgumentException e) {
            return new DecodedDocument(key, null, true, time, cardKey, card);
        }
    }

    /**
     * Reads one page from {@code in} (not closed here).
     *
     * @throws JsonParseException when the stream is not a {@code GET /documents} answer
     * @throws IOException        when reading the stream fails
     */
    public static DecodedPage read(InputStream in) throws IOException {
        try (JsonParser p = JSON.createParser(in)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT);
            List<DecodedDocument> docs = new ArrayList<>();
            String next = null;
            Scratch scratch = new Scratch();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("documents") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        docs.add(document(p, scratch));
                    }
                } else if (field.equals("documents") && value != JsonToken.VALUE_NULL) {
                    throw new JsonParseException(p, "'documents' is not an array");
                } else if (field.equals("next")) {
                    next = text(p);
                } else {
                    p.skipChildren();
                }
            }
            expect(p, p.currentToken(), JsonToken.END_OBJECT);
            return new DecodedPage(docs, next);
        }
    }

    /**
     * One upsert record as storage pushes it ({@code POST /upsert?key=}: {@code {"body": …,
     * "lastUpdateTimeSinceEpoch": …, …}}), read as a page's records are: the body decoded as it streams in, other
     * fields ignored, what follows the object not read. A streaming read instead of data binding: binding was the
     * largest part of a push's own work while location's JIT was still cold.
     *
     * @param key the key the push names (the record itself carries none)
     * @throws JsonParseException when {@code json} is not one JSON object with string (or scalar) fields
     */
    public static DecodedDocument readRecord(String key, byte[] json) throws IOException {
        try (JsonParser p = JSON.createParser(json)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT);
            DecodedDocument r = record(p, new Scratch(), false).document();
            return new DecodedDocument(
                    key, r.body(), r.notBase64(), r.lastUpdateTimeSinceEpoch(), r.modelCardKey(), r.modelCard());
        }
    }

    /**
     * One entry of a batch of upsert records.
     *
     * @param document  the record with the key it names, its body decoded
     * @param sentChars characters of its body (base64), model card and model-card key as sent: what a per-document
     *                  size limit counts, as it counted them in the entry's strings
     */
    public record BatchEntry(DecodedDocument document, long sentChars) {}

    /**
     * A batch of upsert records as this bridge's storage forwards them ({@code POST /upserts}: {@code [{"key": …,
     * "body": …, "lastUpdateTimeSinceEpoch": …, …}, …]}), each read as {@link #readRecord} reads one (other fields,
     * such as {@code type} and {@code sourceId}, ignored; what follows the array not read). Instead of data binding
     * for the same reason: binding was most of a cold location's own work per pushed document.
     *
     * @throws JsonParseException when {@code json} is not a JSON array of objects with string (or scalar) fields; a
     *                            null entry is refused too
     */
    public static List<BatchEntry> readBatch(byte[] json) throws IOException {
        try (JsonParser p = JSON.createParser(json)) {
            expect(p, p.nextToken(), JsonToken.START_ARRAY);
            List<BatchEntry> entries = new ArrayList<>();
            Scratch scratch = new Scratch();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                expect(p, t, JsonToken.START_OBJECT);
                RecordRead r = record(p, scratch, true);
                DecodedDocument d = r.document();
                entries.add(new BatchEntry(d, r.bodyChars() + chars(d.modelCard()) + chars(d.modelCardKey())));
            }
            return entries;
        }
    }

    private static long chars(String s) {
        return s == null ? 0 : s.length();
    }

    /** {@code {"key": …, "record": {…}}}, the parser on its START_OBJECT. */
    private static DecodedDocument document(JsonParser p, Scratch scratch) throws IOException {
        expect(p, p.currentToken(), JsonToken.START_OBJECT);
        String key = null;
        DecodedDocument record = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("key")) {
                key = text(p);
            } else if (field.equals("record") && value == JsonToken.START_OBJECT) {
                record = record(p, scratch, false).document();
            } else if (field.equals("record") && value != JsonToken.VALUE_NULL) {
                throw new JsonParseException(p, "'record' is not an object");
            } else {
                p.skipChildren();
            }
        }
        return record == null
                ? new DecodedDocument(key, null, false, null, null, null)
                : new DecodedDocument(
                        key,
                        record.body(),
                        record.notBase64(),
                        record.lastUpdateTimeSinceEpoch(),
                        record.modelCardKey(),
                        record.modelCard());
    }

    /** A record as read, and how many characters its body had as sent (base64, or a scalar's text). */
    private record RecordRead(DecodedDocument document, long bodyChars) {}

    /**
     * Storage's record, the parser on its START_OBJECT. A batch entry carries its own {@code key} ({@code keyed});
     * otherwise the key is filled in by the caller and a {@code key} field is ignored like any unknown one.
     */
    private static RecordRead record(JsonParser p, Scratch scratch, boolean keyed) throws IOException {
        String key = null;
        byte[] body = null;
        long bodyChars = 0;
        boolean notBase64 = false;
        String time = null;
        String cardKey = null;
        String card = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "body" -> {
                    body = null;
                    bodyChars = 0;
                    notBase64 = false;
                    if (p.currentToken() == JsonToken.VALUE_STRING) {
                        bodyChars = p.getTextLength();
                        if (bodyChars > 0) {
                            body = scratch.decode(p);
                            notBase64 = body == null;
                        }
                    } else {
                        String s = text(p);
                        bodyChars = chars(s);
                        DecodedDocument d = decoded(null, s, null, null, null);
                        body = d.body();
                        notBase64 = d.notBase64();
                    }
                }
                case "key" -> {
                    if (keyed) {
                        key = text(p);
                    } else {
                        p.skipChildren();
                    }
                }
                case "lastUpdateTimeSinceEpoch" -> time = text(p);
                case "modelCardKey" -> cardKey = text(p);
                case "modelCard" -> card = text(p);
                default -> p.skipChildren();
            }
        }
        return new RecordRead(new DecodedDocument(key, body, notBase64, time, cardKey, card), bodyChars);
    }

    /** A scalar as data binding reads it into a string field: its text, null for null; an object or array fails. */
    private static String text(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            throw new JsonParseException(p, "'" + p.currentName() + "' is not a string");
        }
        return p.getText();
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken wanted) throws IOException {
        if (actual != wanted) {
            throw new JsonParseException(p, "expected " + wanted + ", found " + actual);
        }
    }

    /** The characters of one base64 string as bytes, reused from body to body of a page. */
    private static final class Scratch {
        private byte[] bytes = new byte[4096];

        /** The decoded bytes of the parser's current string, or null when it is not base64. */
        byte[] decode(JsonParser p) throws IOException {
            char[] chars = p.getTextCharacters();
            int offset = p.getTextOffset();
            int length = p.getTextLength();
            if (bytes.length < length) {
                bytes = new byte[Math.max(length, bytes.length * 2)];
            }
            for (int i = 0; i < length; i++) {
                char c = chars[offset + i];
                if (c > 0x7f) {
                    return null; // no base64 alphabet character; what String decoding refuses too
                }
                bytes[i] = (byte) c;
            }
            try {
                ByteBuffer out = Base64.getDecoder().decode(ByteBuffer.wrap(bytes, 0, length));
                byte[] array = out.array();
                return out.arrayOffset() == 0 && out.position() == 0 && out.remaining() == array.length
                        ? array
                        : Arrays.copyOfRange(
                                array, out.arrayOffset() + out.position(), out.arrayOffset() + out.limit());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
