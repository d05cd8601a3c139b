package io.modelcatalogbridge.serve.location;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The answer to a push, written without a mapper: the JSON object storage always got, in a stable order. */
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
}
