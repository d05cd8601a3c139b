package io.modelcatalogbridge.source.kfmr;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A KFMR {@code customProperties} value: the {@code MetadataValue} union, discriminated by {@code metadataType}.
 * Unknown {@code metadataType} values are read as {@link Unknown} rather than failing the whole list.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "metadataType", defaultImpl = MetadataValue.Unknown.class)
@JsonSubTypes({
    @JsonSubTypes.Type(value = MetadataValue.StringValue.class, name = "MetadataStringValue"),
    @JsonSubTypes.Type(value = MetadataValue.IntValue.class, name = "MetadataIntValue"),
    @JsonSubTypes.Type(value = MetadataValue.DoubleValue.class, name = "MetadataDoubleValue"),
    @JsonSubTypes.Type(value = MetadataValue.BoolValue.class, name = "MetadataBoolValue"),
    @JsonSubTypes.Type(value = MetadataValue.StructValue.class, name = "MetadataStructValue"),
    @JsonSubTypes.Type(value = MetadataValue.ProtoValue.class, name = "MetadataProtoValue")
})
@RegisterForReflection(
        targets = {
            MetadataValue.class,
            MetadataValue.StringValue.class,
            MetadataValue.IntValue.class,
            MetadataValue.DoubleValue.class,
            MetadataValue.BoolValue.class,
            MetadataValue.StructValue.class,
            MetadataValue.ProtoValue.class,
            MetadataValue.Unknown.class
        })
public sealed interface MetadataValue {

    /** The value as text for tags and fields, or {@code null} when it has no sensible text form. */
    String asText();

    @JsonIgnoreProperties(ignoreUnknown = true)
    record StringValue(@JsonProperty("string_value") String value) implements MetadataValue {
        public String asText() {
            return value == null ? "" : value;
        }
    }

    /** {@code int_value} is a JSON string on the wire (int64 in proto3 JSON); kept as text, parsed when needed. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record IntValue(@JsonProperty("int_value") String value) implements MetadataValue {
        public String asText() {
            return value;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record DoubleValue(@JsonProperty("double_value") Double value) implements MetadataValue {
        public String asText() {
            if (value == null) {
                return null;
            }
            double d = value;
            return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15
                    ? Long.toString((long) d)
                    : Double.toString(d);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record BoolValue(@JsonProperty("bool_value") Boolean value) implements MetadataValue {
        public String asText() {
            return value == null ? null : value.toString();
        }
    }

    /**
     * {@code struct_value}: the spec says base64 of JSON, embedmd sometimes sends the JSON text itself. Kept as
     * received; {@link #json()} decodes either form.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record StructValue(@JsonProperty("struct_value") String value) implements MetadataValue {
        public String asText() {
            return null;
        }

        /** The struct as JSON text: base64-decoded when it is base64 of JSON, else the text as is. */
        public String json() {
            if (value == null) {
                return null;
            }
            String trimmed = value.trim();
            if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
                return trimmed;
            }
            try {
                return new String(Base64.getDecoder().decode(trimmed), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return trimmed;
            }
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ProtoValue(
            @JsonProperty("type") String type,
            @JsonProperty("proto_value") String value) implements MetadataValue {
        public String asText() {
            return null;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Unknown() implements MetadataValue {
        public String asText() {
            return null;
        }
    }
}
