package io.modelcatalogbridge.storageapi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.modelcatalogbridge.model.DocumentKey;
import io.modelcatalogbridge.model.EpochMillis;
import io.modelcatalogbridge.model.LogSafe;
import io.modelcatalogbridge.model.Text;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The one grammar of keys and stored records, checked at every entry: storage's API, location's push, the File and
 * ConfigMap loaders and the Go ConfigMap import. What storage accepts, location can serve; what location refuses,
 * storage never stored.
 *
 * <ul>
 *   <li>Key: a canonical {@link DocumentKey} storage key ({@code <seg1>_<seg2>}, only {@code [A-Za-z0-9.-]} in the
 *       segments), at most {@value #MAX_KEY_LENGTH} characters. ASCII only, so invalid UTF-8, bidi and zero-width
 *       characters can never be part of a key.</li>
 *   <li>Body: base64 of a non-empty UTF-8 document without control characters (tab, CR and LF allowed) or bidi
 *       controls. A body that starts with {@code {} or {@code [} must be one well-formed JSON value, anything else
 *       one or more well-formed YAML documents; both nested at most {@value #MAX_NESTING} deep, JSON without
 *       duplicate object keys, YAML without aliases.</li>
 *   <li>Text fields (model-card key and markdown, type, location fields): valid Unicode with the same character
 *       rules; the type is {@code [a-z0-9-]}, at most 32 characters.</li>
 * </ul>
 * Messages name the field and the problem, never the content (it may be hostile), except the key, which is shown
 * through {@link LogSafe}.
 */
public final class DocumentGrammar {

    /** Longest key, in characters: a Kubernetes ConfigMap data key is at most 253. */
    public static final int MAX_KEY_LENGTH = 253;
    /** Deepest nesting of a document's arrays and objects; the catalog format needs 5. */
    public static final int MAX_NESTING = 64;

    private static final int MAX_TEXT_KEY_LENGTH = 1024;
    private static final Pattern TYPE = Pattern.compile("[a-z0-9-]{0,32}");

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final YAMLFactory YAML = yamlFactory();

    private DocumentGrammar() {}

    /** Input that breaks the grammar; the message is safe to log and to answer. */
    public static final class Violation extends IllegalArgumentException {
        public Violation(String message) {
            super(message, null);
        }
    }

    /** A checked key. */
    public static String key(String key) {
        if (key == null || key.isEmpty()) {
            throw new Violation("need a 'key' parameter");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new Violation("key longer than " + MAX_KEY_LENGTH + " characters");
        }
        try {
            DocumentKey parsed = DocumentKey.parse(key);
            if (!parsed.storageKey().equals(key)) {
                throw new Violation("not a storage key (expected " + parsed.storageKey() + "): " + LogSafe.text(key));
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new Violation("bad key format: " + LogSafe.text(key)
                    + ": expected <seg1>_<seg2>, each [A-Za-z0-9]+ joined by '.' or '-', or '-' and an escaped"
                    + " name (model-catalog-bridge's DocumentKey)");
        }
    }

    /**
     * The decoded bytes of a checked base64 document body. Line breaks inside the base64 are allowed (Go's decoder
     * skipped them); anything else that is not base64 is not.
     */
    public static byte[] body(String base64) {
        if (base64 == null || base64.isEmpty()) {
            throw new Violation("'body' is missing or empty (base64 of the document)");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.replace("\r", "").replace("\n", ""));
        } catch (IllegalArgumentException e) {
            throw new Violation("'body' is not valid base64");
        }
        return document(bytes);
    }

    /**
     * Checks document bytes already decoded from base64 (the checks of {@link #body} after its decode).
     *
     * @return {@code bytes}
     */
    public static byte[] document(byte[] bytes) {
        if (bytes.length == 0) {
            throw new Violation("'body' is an empty document");
        }
        String text;
        if (printableAscii(bytes)) {
            // The common case, checked on the bytes: printable ASCII with tab, CR and LF is valid UTF-8 without
            // surrogates or forbidden characters, so the decoder and the per-character check would find nothing
            // (they were most of a cold push's own work).
            text = new String(bytes, StandardCharsets.US_ASCII);
        } else {
            text = utf8(bytes, "'body'");
            text(text, "'body'", true);
        }
        if (looksLikeJson(text)) {
            json(bytes);
        } else {
            yaml(text);
        }
        return bytes;
    }

    /** An upsert's fields after the grammar: the body as canonical base64, the rest as sent (or empty). */
    public record Checked(String body, String type, String lastUpdate, String modelCardKey, String modelCard) {}

    /**
     * Checks every field of an upsert (storage's API, location's push, a stored record being loaded).
     *
     * @throws Violation naming the first field that breaks the grammar
     */
    public static Checked record(String type, String base64Body, String lastUpdate, String cardKey, String card) {
        String canonical = Base64.getEncoder().encodeToString(body(base64Body));
        Fields f = fields(type, lastUpdate, cardKey, card);
        return new Checked(canonical, f.type(), f.lastUpdate(), f.modelCardKey(), f.modelCard());
    }

    /**
     * The checks of {@link #record} on a document its caller decoded once and keeps as bytes (location, for every
     * push and every document of a load): the same grammar without a second decode or a base64 re-encode.
     *
     * @throws Violation naming the first field that breaks the grammar
     */
    public static void decodedRecord(String type, byte[] document, String lastUpdate, String cardKey, String card) {
        document(document);
        fields(type, lastUpdate, cardKey, card);
    }

    /** A record's fields besides its body, checked: type, time (stripped, or empty), model-card key and markdown. */
    private record Fields(String type, String lastUpdate, String modelCardKey, String modelCard) {}

    /** Checks the fields of a record after its body: type, time, model-card key and markdown. */
    private static Fields fields(String type, String lastUpdate, String cardKey, String card) {
        String t = type(type);
        String time = lastUpdate == null ? "" : lastUpdate.strip();
        if (!time.isEmpty()) {
            try {
                // The syntax here; the service applies the clock (no time too far in the future).
                EpochMillis.parseDigits(time);
            } catch (EpochMillis.InvalidTimestampException e) {
                throw new Violation("'lastUpdateTimeSinceEpoch' must be epoch milliseconds (1 to "
                        + EpochMillis.MAX_DIGITS + " digits), was " + LogSafe.text(time));
            }
        }
        return new Fields(t, time, shortText(cardKey, "'modelCardKey'"), longText(card, "'modelCard'"));
    }

    /**
     * Checks a stored record read back by a loader (File or ConfigMap store, the Go ConfigMap import): the same
     * grammar as an upsert, plus the Backstage location fields.
     */
    public static Checked stored(String key, StorageWire.FetchResponse r) {
        key(key);
        if (r == null) {
            throw new Violation("no record");
        }
        shortText(r.locationId(), "'locationId'");
        shortText(r.locationTarget(), "'locationTarget'");
        return record(r.reconcilerType(), r.body(), r.lastUpdateTimeSinceEpoch(), r.modelCardKey(), r.modelCard());
    }

    /** A checked optional text field (model-card key, location fields); null and empty pass. */
    public static String shortText(String value, String field) {
        if (value != null && value.length() > MAX_TEXT_KEY_LENGTH) {
            throw new Violation(field + " longer than " + MAX_TEXT_KEY_LENGTH + " characters");
        }
        return text(value, field, false);
    }

    /** A checked optional long text (model-card markdown); null and empty pass. Line breaks and tabs allowed. */
    public static String longText(String value, String field) {
        return text(value, field, true);
    }

    /** A checked upsert type ({@code kubeflow}, {@code kserve}, or empty). */
    public static String type(String type) {
        String t = type == null ? "" : type.strip();
        if (!TYPE.matcher(t).matches()) {
            throw new Violation("'type' must be [a-z0-9-], at most 32 characters (kubeflow, kserve)");
        }
        return t;
    }

    private static String text(String value, String field, boolean multiLine) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c)
                        && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new Violation(field + " holds a lone UTF-16 surrogate (not valid Unicode)");
            }
            if (Text.forbidden(c, multiLine)) {
                throw new Violation(String.format(
                        "%s holds the control or bidi character U+%04X at position %d", field, (int) c, i));
            }
        }
        return value;
    }

    private static String utf8(byte[] bytes, String field) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Violation(field + " is not valid UTF-8");
        }
    }

    /** Whether every byte is printable ASCII (0x20–0x7E), tab, CR or LF. */
    private static boolean printableAscii(byte[] bytes) {
        for (byte b : bytes) {
            if ((b < 0x20 || b > 0x7e) && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikeJson(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\ufeff') {
                continue;
            }
            return c == '{' || c == '[';
        }
        return false;
    }

    private static void json(byte[] bytes) {
        try (JsonParser p = JSON.createParser(bytes)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new Violation("'body' is empty JSON");
            }
            p.skipChildren();
            if (p.nextToken() != null) {
                throw new Violation("'body' holds more than one JSON value");
            }
        } catch (IOException e) {
            throw new Violation("'body' is not well-formed JSON (nested at most " + MAX_NESTING
                    + " deep, no duplicate keys): " + firstLine(e.getMessage()));
        }
    }

    private static void yaml(String text) {
        // Walks every event: Jackson's YAML parser reads SnakeYAML's events, not its composed tree, so the loader's
        // alias and depth limits do not apply here and are checked on the way.
        try (YAMLParser p = (YAMLParser) YAML.createParser(text)) {
            int documents = 0;
            int depth = 0;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (p.isCurrentAlias()) {
                    throw new Violation("'body' holds a YAML alias (not allowed in a catalog document)");
                }
                if (depth == 0 && (t.isStructStart() || t.isScalarValue())) {
                    documents++;
                }
                if (t.isStructStart() && ++depth > MAX_NESTING) {
                    throw new Violation("'body' is nested deeper than " + MAX_NESTING);
                } else if (t.isStructEnd()) {
                    depth--;
                }
            }
            if (documents == 0) {
                throw new Violation("'body' holds no YAML document");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof Violation v) {
                throw v;
            }
            throw new Violation("'body' is neither JSON nor well-formed YAML (nested at most " + MAX_NESTING
                    + " deep, no aliases): " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.lines().findFirst().orElse("");
        return LogSafe.text(line);
    }

    private static YAMLFactory yamlFactory() {
        LoaderOptions options = new LoaderOptions();
        options.setNestingDepthLimit(MAX_NESTING);
        options.setMaxAliasesForCollections(0);
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(Integer.MAX_VALUE);
        return YAMLFactory.builder().loaderOptions(options).build();
    }
}
