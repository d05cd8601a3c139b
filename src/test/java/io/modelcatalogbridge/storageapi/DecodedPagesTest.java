package io.modelcatalogbridge.storageapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A page of {@code GET /documents} decoded as it streams in gives exactly what data binding and the JDK's base64
 * decoder give, for every record a storage may send: location serves the same documents, and refuses the same ones,
 * whichever way a page is read.
 */
class DecodedPagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aLargePageStreamsToTheSameDocumentsAsDataBinding() throws IOException {
        StringBuilder page = new StringBuilder("{\"documents\":[");
        for (int i = 0; i < 600; i++) {
            String doc = "{\"name\":\"model-" + i + "\",\"text\":\"" + "é€".repeat(i % 50) + "\"}";
            page.append(i == 0 ? "" : ",")
                    .append("{\"key\":\"m")
                    .append(i)
                    .append("_v1\",\"record\":{\"body\":\"")
                    .append(Base64.getEncoder().encodeToString(doc.getBytes(StandardCharsets.UTF_8)))
                    .append("\",\"lastUpdateTimeSinceEpoch\":\"")
                    .append(1_700_000_000_000L + i)
                    .append("\",\"locationIDValid\":true,\"modelCardKey\":\"src/m")
                    .append(i)
                    .append("\",\"modelCard\":\"# card ")
                    .append(i)
                    .append("\"}}");
        }
        page.append("],\"next\":\"m599_v1\"}");

        DecodedPages.DecodedPage streamed = streamed(page.toString());

        assertEquals(600, streamed.documents().size());
        assertEquals("m599_v1", streamed.next());
        assertSame(bound(page.toString()), streamed);
        assertEquals(
                "{\"name\":\"model-7\",\"text\":\"" + "é€".repeat(7) + "\"}",
                new String(streamed.documents().get(7).body(), StandardCharsets.UTF_8));
    }

    /** Every kind of record a storage may send, well-formed or not. */
    private static List<String> records() {
        String good = Base64.getEncoder().encodeToString("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        String unpadded =
                Base64.getEncoder().withoutPadding().encodeToString("{\"ab\":1}".getBytes(StandardCharsets.UTF_8));
        return List.of(
                "{\"body\":\"" + good + "\"}",
                "{\"body\":\"" + unpadded + "\"}", // the JDK decoder accepts a body without padding
                "{\"body\":\"" + good.substring(0, 4) + " " + good.substring(4) + "\"}", // a space: not base64
                "{\"body\":\"" + good.substring(0, 4) + "\\n" + good.substring(4) + "\"}", // a line break: not base64
                "{\"body\":\"\\u0065yJhIjoxfQ==\"}", // a JSON escape inside the base64 text
                "{\"body\":\"ey€hIjoxfQ==\"}", // not ASCII
                "{\"body\":\"é\"}",
                "{\"body\":\"\"}",
                "{\"body\":null}",
                "{\"body\":1234}", // a number read as text: base64 of three bytes
                "{\"body\":true}",
                "{}",
                "{\"body\":\"" + good + "\",\"lastUpdateTimeSinceEpoch\":17,\"modelCardKey\":null,\"x\":{\"y\":[1]}}",
                "{\"body\":\"bm90IGpzb24=\",\"body\":\"" + good + "\",\"modelCard\":\"# Card\"}"); // the last one wins
    }

    /** The records as a page's entries, comma-separated: key {@code k<i>} for the i-th. */
    private static String entries(List<String> records) {
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < records.size(); i++) {
            entries.append(i == 0 ? "" : ",")
                    .append("{\"key\":\"k")
                    .append(i)
                    .append("\",\"record\":")
                    .append(records.get(i))
                    .append("}");
        }
        return entries.toString();
    }

    @Test
    void everyKindOfRecordReadsAsDataBindingReadsIt() throws IOException {
        StringBuilder page = new StringBuilder("{\"extra\":[{}],\"documents\":[").append(entries(records()));
        page.append(",{\"key\":\"no-record\"},{\"key\":null,\"record\":null}]}");

        DecodedPages.DecodedPage streamed = streamed(page.toString());

        assertSame(bound(page.toString().replace("\"extra\":[{}],", "")), streamed);
        assertNull(streamed.next());
        assertTrue(streamed.documents().get(2).notBase64());
        assertTrue(streamed.documents().get(5).notBase64());
        assertNull(streamed.documents().get(7).body());
    }

    /** Location's push ({@code POST /upsert?key=}) reads its one record the same way, so it takes what a load takes. */
    @Test
    void aPushedRecordReadsAsTheSameRecordInAPage() throws IOException {
        List<String> records = records();
        List<DecodedPages.DecodedDocument> pushed = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            pushed.add(DecodedPages.readRecord("k" + i, records.get(i).getBytes(StandardCharsets.UTF_8)));
        }

        assertSame(bound("{\"documents\":[" + entries(records) + "]}"), new DecodedPages.DecodedPage(pushed, null));
        assertEquals(
                "{\"a\":1}",
                new String(
                        DecodedPages.readRecord(
                                        "k", (records.get(0) + " and then anything").getBytes(StandardCharsets.UTF_8))
                                .body(),
                        StandardCharsets.UTF_8),
                "what follows the record is not read, as data binding does not read it");
    }

    /** The records as a batch of {@code POST /upserts}: key {@code k<i>} for the i-th, with the fields ignored here. */
    private static String batch(List<String> records) {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < records.size(); i++) {
            String r = records.get(i);
            batch.append(i == 0 ? "" : ",")
                    .append("{\"key\":\"k")
                    .append(i)
                    .append("\",\"type\":\"kubeflow\",\"sourceId\":\"src\"")
                    .append(r.equals("{}") ? "}" : "," + r.substring(1));
        }
        return batch.append("]").toString();
    }

    /**
     * Storage's batches ({@code POST /upserts}) read entry by entry as a page's records are, and count each entry's
     * size as data binding's strings did (location's per-document limit answers 413 on it).
     */
    @Test
    void aBatchReadsAsItsRecordsInAPageAndCountsWhatWasSent() throws IOException {
        List<String> records = records();
        String batch = batch(records);

        List<DecodedPages.BatchEntry> read = DecodedPages.readBatch(batch.getBytes(StandardCharsets.UTF_8));

        List<DecodedPages.DecodedDocument> documents = new ArrayList<>();
        read.forEach(e -> documents.add(e.document()));
        assertSame(bound("{\"documents\":[" + entries(records) + "]}"), new DecodedPages.DecodedPage(documents, null));
        List<StorageWire.BatchUpsert> bound = JSON.readValue(batch, new TypeReference<>() {});
        List<Long> boundChars = new ArrayList<>();
        for (StorageWire.BatchUpsert b : bound) {
            boundChars.add(chars(b.body()) + chars(b.modelCard()) + chars(b.modelCardKey()));
        }
        List<Long> readChars = new ArrayList<>();
        read.forEach(e -> readChars.add(e.sentChars()));
        assertEquals(boundChars, readChars);
        assertEquals(List.of(), DecodedPages.readBatch("[]".getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                "k0",
                DecodedPages.readBatch((batch + " and then anything").getBytes(StandardCharsets.UTF_8))
                        .get(0)
                        .document()
                        .key(),
                "what follows the array is not read, as data binding does not read it");
    }

    private static long chars(String s) {
        return s == null ? 0 : s.length();
    }

    /** What data binding refused (or read as a null entry, which location refused) is refused. */
    @Test
    void whatIsNotABatchIsRefusedAsUnreadableJson() {
        for (String notABatch : List.of(
                "",
                "null",
                "{}",
                "{\"key\":\"a\"}",
                "[null]",
                "[{\"key\":\"a\"},null]",
                "[1]",
                "[\"a\"]",
                "[[]]",
                "[{\"key\":{}}]",
                "[{\"key\":\"a\",\"body\":[1]}]",
                "[{\"key\":\"a\",\"modelCard\":{}}]",
                "[{\"key\":\"a\"}",
                "not json")) {
            assertThrows(
                    JsonProcessingException.class,
                    () -> DecodedPages.readBatch(notABatch.getBytes(StandardCharsets.UTF_8)),
                    notABatch);
            List<StorageWire.BatchUpsert> bound;
            try {
                bound = JSON.readValue(notABatch, new TypeReference<>() {});
            } catch (JsonProcessingException e) {
                continue;
            }
            assertTrue(bound == null || bound.contains(null), notABatch + " was read by data binding");
        }
    }

    @Test
    void whatIsNotAnUpsertRecordIsRefusedAsUnreadableJson() {
        for (String notARecord : List.of(
                "",
                "null",
                "[]",
                "\"body\"",
                "not json",
                "{\"body\":{}}",
                "{\"body\":[1]}",
                "{\"body\":\"eyJhIjoxfQ==\"")) {
            assertThrows(
                    JsonProcessingException.class,
                    () -> DecodedPages.readRecord("k", notARecord.getBytes(StandardCharsets.UTF_8)),
                    notARecord);
        }
    }

    @Test
    void whatIsNotAPageIsRefusedAsUnreadableJson() {
        for (String notAPage : List.of(
                "[]",
                "{\"documents\":{}}",
                "{\"documents\":[{\"key\":\"a\",\"record\":[]}]}",
                "{\"documents\":[{\"key\":{},\"record\":{}}]}",
                "{\"documents\":[{\"key\":\"a\",\"record\":{\"body\":\"eyJhIjoxfQ==\"",
                "{\"documents\":[1]}",
                "")) {
            assertThrows(JsonProcessingException.class, () -> streamed(notAPage), notAPage);
        }
    }

    private static DecodedPages.DecodedPage streamed(String page) throws IOException {
        return DecodedPages.read(new ByteArrayInputStream(page.getBytes(StandardCharsets.UTF_8)));
    }

    private static DecodedPages.DecodedPage bound(String page) throws IOException {
        return DecodedPages.of(JSON.readValue(page, StorageWire.Documents.class));
    }

    /** Records hold arrays: compared field by field. */
    private static void assertSame(DecodedPages.DecodedPage want, DecodedPages.DecodedPage got) {
        assertEquals(want.next(), got.next());
        assertEquals(want.documents().size(), got.documents().size());
        List<String> diffs = new ArrayList<>();
        for (int i = 0; i < want.documents().size(); i++) {
            DecodedPages.DecodedDocument w = want.documents().get(i);
            DecodedPages.DecodedDocument g = got.documents().get(i);
            try {
                assertEquals(w.key(), g.key());
                assertArrayEquals(w.body(), g.body());
                assertEquals(w.notBase64(), g.notBase64());
                assertEquals(w.lastUpdateTimeSinceEpoch(), g.lastUpdateTimeSinceEpoch());
                assertEquals(w.modelCardKey(), g.modelCardKey());
                assertEquals(w.modelCard(), g.modelCard());
            } catch (AssertionError e) {
                diffs.add("record " + i + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), diffs);
    }
}
