package io.modelcatalogbridge.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DocumentKeyTest {

    private static void assertRoundTrip(DocumentKey key) {
        assertEquals(key, DocumentKey.parse(key.storageKey()), key.storageKey());
        assertEquals(key, DocumentKey.parse(key.currentKey()), key.currentKey());
        String uri = key.goEraUri("model-catalog.json");
        assertTrue(uri.startsWith("/") && uri.endsWith("/model-catalog.json"));
        assertTrue(key.segment1().matches("[A-Za-z0-9.-]+") && key.segment2().matches("[A-Za-z0-9.-]+"));
    }

    @Test
    void plainNamesKeepTheGoEraKeys() {
        DocumentKey key = DocumentKey.of("mnist", "v1");
        assertEquals("mnist_v1", key.storageKey());
        assertEquals("mnist/v1", key.currentKey());
        assertEquals("/mnist/v1/model-catalog.json", key.goEraUri("model-catalog.json"));
        assertEquals(
                "granite-3.1-8b-lab-v1_1.4.0",
                DocumentKey.of("granite-3.1-8b-lab-v1", "1.4.0").storageKey());
        assertRoundTrip(key);
    }

    @Test
    void underscoresRoundTrip() {
        DocumentKey key = DocumentKey.of("my_model", "v_1");
        assertRoundTrip(key);
        assertNotEquals(DocumentKey.of("my", "model_v_1").storageKey(), key.storageKey());
    }

    @Test
    void dotsSpacesAndSlashesRoundTrip() {
        assertRoundTrip(DocumentKey.of("a.b", "1.0"));
        assertRoundTrip(DocumentKey.of("granite 3", "v 1"));
        assertRoundTrip(DocumentKey.of("rhelai1/granite", "v1"));
        assertRoundTrip(DocumentKey.of("-lead", "trail-"));
        assertRoundTrip(DocumentKey.of("a--b", "x"));
    }

    @Test
    void nonAsciiRoundTrips() {
        assertRoundTrip(DocumentKey.of("modèle", "版本"));
        assertRoundTrip(DocumentKey.of("emoji🙂", "v1"));
    }

    @Test
    void namesOver63CharactersRoundTrip() {
        assertRoundTrip(DocumentKey.of("m".repeat(200), "v".repeat(100)));
    }

    @Test
    void qualifiedKeysRoundTripAndDifferFromThePlainKey() {
        DocumentKey plain = DocumentKey.of("mnist", "v1");
        DocumentKey q = plain.qualified("registry-b");
        assertNotEquals(plain.storageKey(), q.storageKey());
        assertRoundTrip(q);
        assertRoundTrip(DocumentKey.of("my_model", "v1").qualified("odh:model registry"));
        assertEquals("registry-b", DocumentKey.parse(q.storageKey()).qualifier());
        assertEquals(plain, plain.qualified(""));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "nokey",
                "_v1",
                "mnist_",
                "a_b_c",
                "a/b/c",
                "a b_c",
                "a%20b_v1",
                "-x-zz_v1",
                "-x-4_v1",
                "-x-4a_v1",
                "a_b/c",
                "-zz_v1",
                "zz_-v1",
                "-my-20model--_v1"
            })
    void invalidKeysAreRejected(String key) {
        assertFalse(DocumentKey.isValid(key));
        assertThrows(IllegalArgumentException.class, () -> DocumentKey.parse(key));
    }

    @Test
    void emptyPartsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> DocumentKey.of("", "v1"));
        assertThrows(NullPointerException.class, () -> DocumentKey.of("m", null));
    }

    /** The hand-written check agrees with the grammar it replaced: {@code [A-Za-z0-9]+} runs joined by one . or -. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "mnist",
                "v1",
                "1.4.0",
                "granite-3.1-8b",
                "a",
                "",
                "-",
                ".",
                "a-",
                "-a",
                "a.",
                ".a",
                "a--b",
                "a.-b",
                "a..b",
                "a_b",
                "a b",
                "ä",
                "A-Z.0-9",
                "v1.0-rc.2"
            })
    void plainIsExactlyTheGoEraGrammar(String name) {
        assertEquals(name.matches("[A-Za-z0-9]+([.-][A-Za-z0-9]+)*"), DocumentKey.isPlain(name), name);
    }
}
