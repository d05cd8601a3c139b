package io.modelcatalogbridge.serve.location;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcatalogbridge.storageapi.StorageWire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The answers to pushes, written without a mapper: the JSON storage always got, in a stable order. */
class PushAnswerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyResultIsTheJsonObjectOfKeyAndResultKeyFirst() throws IOException {
        for (ReadModel.Change change : ReadModel.Change.values()) {
            for (String key : new String[] {"mnist_v1", "a.b-c_v1.0", "quote\"back\\slash_\u00e9"}) {
                byte[] bytes = PushResource.answer(key, change);
                Map<String, String> parsed = JSON.readValue(bytes, new TypeReference<>() {});
                assertEquals(
                        Map.of("key", key, "result", change.name().toLowerCase(Locale.ROOT)),
                        parsed,
                        key + " " + change);
                assertTrue(new String(bytes, StandardCharsets.UTF_8).startsWith("{\"key\":"), "key first");
            }
        }
    }

    /** A batch's answer is byte for byte what data binding wrote for it: storages read it as they always did. */
    @Test
    void aBatchAnswerIsTheBytesDataBindingWrote() throws IOException {
        List<StorageWire.BatchResult> results = List.of(
                new StorageWire.BatchResult("mnist_v1", "created", 201, null, null),
                new StorageWire.BatchResult("b_v1", "updated", 200, null, null),
                new StorageWire.BatchResult(
                        "quote\"back\\slash_\u00e9", "refused", 400, null, "document x: not base64\n\u0001\u2028"),
                new StorageWire.BatchResult("a_b", "refused", 413, "17", "document larger than 8 bytes"));
        for (List<StorageWire.BatchResult> r : List.of(List.<StorageWire.BatchResult>of(), results)) {
            StorageWire.BatchAnswer answer = new StorageWire.BatchAnswer(r, 2, 2);
            assertArrayEquals(JSON.writeValueAsBytes(answer), BatchPushResource.answer(answer), r.toString());
        }
    }
}
