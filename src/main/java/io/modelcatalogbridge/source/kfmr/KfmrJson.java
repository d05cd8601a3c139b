package io.modelcatalogbridge.source.kfmr;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.util.List;

/**
 * The one Jackson configuration for KFMR and model-catalog JSON. Reading is lenient where the registry's schema
 * grows (unknown fields ignored, unknown {@code metadataType} read as {@link MetadataValue.Unknown}, numbers
 * accepted where ids are strings); writing is deterministic (sorted keys, nulls omitted, pretty-printed) so a
 * snapshot written twice is byte-identical.
 */
public final class KfmrJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            // Records carry helpers such as isLive(); they are not wire fields and must not be written.
            .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    /** Looks like most JSON on disk: {@code "key": value}, {@code []} and {@code {}} for empties, two spaces. */
    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private KfmrJson() {}

    /** The shared mapper; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Pretty-printed, key-sorted writer used for snapshot files. */
    public static ObjectWriter prettyWriter() {
        return PRETTY;
    }

    /** The type of a KFMR list envelope of {@code itemType}. */
    public static JavaType listType(Class<?> itemType) {
        return MAPPER.getTypeFactory().constructParametricType(PagedList.class, itemType);
    }

    /**
     * Reads one KFMR list envelope.
     *
     * @param origin file (relative path) or URL, named in the error message
     * @throws KfmrFormatException when the JSON is malformed or does not fit the envelope
     */
    public static <T> PagedList<T> readList(byte[] json, Class<T> itemType, String origin) {
        // A 200 whose body is some other JSON (a proxy's, an error object) must not read as an empty registry. One
        // pass over the bytes: the envelope keeps a missing "items" as null (a registry page is ~50 KB, 10,000
        // versions are 100 pages, and every full sync reads them all).
        if (!startsWithObject(json)) {
            throw notAList(origin);
        }
        Envelope<T> page =
                read(json, MAPPER.getTypeFactory().constructParametricType(Envelope.class, itemType), origin);
        if (page.items() == null) {
            throw notAList(origin);
        }
        return new PagedList<>(page.items(), page.nextPageToken(), page.pageSize(), page.size());
    }

    private static KfmrFormatException notAList(String origin) {
        return new KfmrFormatException(origin, "not a KFMR list: no \"items\" array", null);
    }

    /** Whether the first character that is not JSON white space opens an object. */
    private static boolean startsWithObject(byte[] json) {
        // A UTF-8 byte order mark is allowed before the JSON, as Jackson reads it.
        int from =
                json.length >= 3 && json[0] == (byte) 0xEF && json[1] == (byte) 0xBB && json[2] == (byte) 0xBF ? 3 : 0;
        for (int i = from; i < json.length; i++) {
            byte b = json[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b == '{';
            }
        }
        return false;
    }

    /** The list envelope as read: {@code items} stays null when the body has none (see {@link PagedList}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @RegisterForReflection
    record Envelope<T>(List<T> items, String nextPageToken, Integer pageSize, Integer size) {}

    /** Reads one JSON value of {@code type}; errors become a one-line {@link KfmrFormatException}. */
    public static <T> T read(byte[] json, Class<T> type, String origin) {
        return read(json, MAPPER.constructType(type), origin);
    }

    /** Reads one JSON value of {@code type}; errors become a one-line {@link KfmrFormatException}. */
    public static <T> T read(byte[] json, JavaType type, String origin) {
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new KfmrFormatException(origin, "expected a JSON object, got null or an empty document", null);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw KfmrFormatException.of(origin, e);
        } catch (IOException e) {
            throw new KfmrFormatException(origin, KfmrFormatException.firstLine(e.getMessage()), e);
        }
    }

    /** Pretty-printed JSON with a trailing newline. */
    public static byte[] writePretty(Object value) {
        try {
            byte[] body = PRETTY.writeValueAsBytes(value);
            byte[] out = new byte[body.length + 1];
            System.arraycopy(body, 0, out, 0, body.length);
            out[body.length] = '\n';
            return out;
        } catch (JsonProcessingException e) {
            throw new KfmrException("cannot write JSON: " + KfmrFormatException.firstLine(e.getOriginalMessage()), e);
        }
    }
}
