package io.modelcatalogbridge.storageapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.model.DocumentKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The one grammar of keys and stored records: what storage accepts, location can serve; messages are log-safe. */
class DocumentGrammarTest {

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private static String b64(String s) {
        return b64(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void canonicalKeysPassAndEverythingLocationCannotServeIsRefused() {
        assertEquals("mnist_v1", DocumentGrammar.key("mnist_v1"));
        assertEquals("ai-models.granite_1.0", DocumentGrammar.key("ai-models.granite_1.0"));
        String escaped = DocumentKey.of("Granite 3 / Instruct", "v1").storageKey();
        assertEquals(escaped, DocumentGrammar.key(escaped), "this bridge's escaped keys are canonical");
        for (String bad : new String[] {
            "",
            "mnist",
            "_v1",
            "mnist_",
            "a_b_c",
            "a b_c",
            "a_b\u202e",
            "a\u200b_b",
            "a_b\n",
            "../etc_passwd",
            "a/b_c",
            "a_\uFFFD",
            "x".repeat(DocumentGrammar.MAX_KEY_LENGTH) + "_1"
        }) {
            assertThrows(DocumentGrammar.Violation.class, () -> DocumentGrammar.key(bad), bad);
        }
        assertThrows(DocumentGrammar.Violation.class, () -> DocumentGrammar.key(null));
    }

    @Test
    void aKeyInAMessageIsPrintableAsciiAndCut() {
        String hostile = "a\u202e_b\n" + "x".repeat(200);
        DocumentGrammar.Violation v = assertThrows(DocumentGrammar.Violation.class, () -> DocumentGrammar.key(hostile));
        assertTrue(v.getMessage().chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '…'), v.getMessage());
        assertTrue(v.getMessage().contains("\\u202E"), v.getMessage());
        assertFalse(v.getMessage().contains("x".repeat(200)), "long values are cut");
    }

    @Test
    void bodiesMustBeOneWellFormedUtf8DocumentWithoutControlCharacters() {
        byte[] json = "{\"a\": [1, 2]}".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(json, DocumentGrammar.body(b64(json)));
        assertArrayEquals(json, DocumentGrammar.body(b64(json).replaceAll("(.{8})", "$1\n")), "line breaks allowed");
        DocumentGrammar.body(b64("apiVersion: backstage.io/v1alpha1\nkind: Component\n---\nkind: API\n"));
        DocumentGrammar.body(b64("{\"a\":\t1}\r\n")); // tab, CR and LF are allowed in a body
        DocumentGrammar.body(b64("{\"name\": \"Modèle ✓\"}")); // and any character that is not a control or bidi mark

        String[] bad = {
            null,
            "",
            "not base64!",
            b64("{\"a\": "),
            b64("{\"a\": 1}{\"b\": 2}"),
            b64("{\"a\": 1, \"a\": 2}"),
            b64("[".repeat(5000) + "]".repeat(5000)),
            b64("{\"a\": \"x\u0000y\"}"),
            b64("{\"a\": \"x\u007fy\"}"), // DEL: the one ASCII character above the controls that is refused
            b64("a: 1\u000b\n"),
            b64("{\"a\": \"\u202e\"}"),
            b64("a: &x [1]\nb: *x\n"),
            b64("key: [unclosed\n"),
            b64("a: " + "[".repeat(100) + "]".repeat(100) + "\n"),
            b64(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}),
        };
        for (String body : bad) {
            assertThrows(DocumentGrammar.Violation.class, () -> DocumentGrammar.body(body), String.valueOf(body));
        }
    }

    @Test
    void recordChecksEveryFieldAndCanonicalisesTheBase64() {
        DocumentGrammar.Checked c = DocumentGrammar.record(
                "kubeflow",
                b64("{\"a\":1}").replaceAll("(.{4})", "$1\r\n"),
                " 1700000000000 ",
                "k_1",
                "# Card\n\nText");
        assertEquals(b64("{\"a\":1}"), c.body());
        assertEquals("1700000000000", c.lastUpdate());
        assertEquals("kubeflow", c.type());
        assertThrows(
                DocumentGrammar.Violation.class,
                () -> DocumentGrammar.record("kubeflow", b64("{}"), "-1", null, null),
                "a signed time");
        assertThrows(
                DocumentGrammar.Violation.class,
                () -> DocumentGrammar.record("kubeflow", b64("{}"), "99999999999999999999", null, null),
                "a time beyond a long");
        assertThrows(
                DocumentGrammar.Violation.class,
                () -> DocumentGrammar.record("Kube Flow", b64("{}"), "1", null, null),
                "a type outside [a-z0-9-]");
        assertThrows(
                DocumentGrammar.Violation.class,
                () -> DocumentGrammar.record("kubeflow", b64("{}"), "1", "k\u0007", null),
                "a bell in the model-card key");
        assertThrows(
                DocumentGrammar.Violation.class,
                () -> DocumentGrammar.record("kubeflow", b64("{}"), "1", null, "card \uD800 lone surrogate"),
                "a lone surrogate in the card");
    }
}
