package io.modelcatalogbridge.source.kfmr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KfmrJsonTest {

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, MetadataValue> props(String customProperties) {
        String doc = "{\"items\":[{\"id\":\"1\",\"name\":\"m\",\"customProperties\":" + customProperties
                + "}],\"nextPageToken\":\"\",\"pageSize\":0,\"size\":1}";
        return KfmrJson.readList(json(doc), RegisteredModel.class, "registered_models.json")
                .items()
                .get(0)
                .customProperties();
    }

    @Test
    void everyMetadataValueVariantIsRead() {
        Map<String, MetadataValue> p = props("""
                {"s":{"metadataType":"MetadataStringValue","string_value":"bar"},
                 "i":{"metadataType":"MetadataIntValue","int_value":"42"},
                 "d":{"metadataType":"MetadataDoubleValue","double_value":0.95},
                 "b":{"metadataType":"MetadataBoolValue","bool_value":true},
                 "sb":{"metadataType":"MetadataStructValue","struct_value":"eyJhIjoxfQ=="},
                 "sj":{"metadataType":"MetadataStructValue","struct_value":"{\\"a\\":1}"},
                 "p":{"metadataType":"MetadataProtoValue","type":"type.googleapis.com/x","proto_value":"CgVoZWxsbw=="},
                 "label":{"metadataType":"MetadataStringValue","string_value":""}}""");
        assertEquals(new MetadataValue.StringValue("bar"), p.get("s"));
        assertEquals(new MetadataValue.IntValue("42"), p.get("i"));
        assertEquals(new MetadataValue.DoubleValue(0.95), p.get("d"));
        assertEquals(new MetadataValue.BoolValue(true), p.get("b"));
        assertEquals("{\"a\":1}", ((MetadataValue.StructValue) p.get("sb")).json());
        assertEquals("{\"a\":1}", ((MetadataValue.StructValue) p.get("sj")).json());
        assertEquals(new MetadataValue.ProtoValue("type.googleapis.com/x", "CgVoZWxsbw=="), p.get("p"));
        assertEquals("", p.get("label").asText());
    }

    @Test
    void intValueSentAsNumberStaysText() {
        assertEquals(
                new MetadataValue.IntValue("7"),
                props("{\"i\":{\"metadataType\":\"MetadataIntValue\",\"int_value\":7}}")
                        .get("i"));
    }

    @Test
    void unknownMetadataTypeIsReadAsUnknownInsteadOfFailing() {
        Map<String, MetadataValue> p = props("""
                {"x":{"metadataType":"MetadataFancyValue","fancy_value":[1,2]},
                 "y":{"string_value":"no type"},
                 "s":{"metadataType":"MetadataStringValue","string_value":"ok"}}""");
        assertInstanceOf(MetadataValue.Unknown.class, p.get("x"));
        assertInstanceOf(MetadataValue.Unknown.class, p.get("y"));
        assertEquals("ok", p.get("s").asText());
    }

    @Test
    void unknownFieldsAreIgnoredAndNumericIdsBecomeStrings() {
        String doc = """
                {"items":[{"id":1,"name":"mnist","state":"LIVE","maturity":"GA","tasks":["x"],
                  "createTimeSinceEpoch":1740498236442,"futureField":{"nested":true}}],
                 "nextPageToken":"","pageSize":0,"size":1,"somethingNew":1}""";
        RegisteredModel m =
                KfmrJson.readList(json(doc), RegisteredModel.class, "x").items().get(0);
        assertEquals("1", m.id());
        assertEquals("1740498236442", m.createTimeSinceEpoch());
        assertEquals("mnist", m.name());
    }

    @Test
    void capitalisedOwnerFieldIsAccepted() {
        String doc = "{\"items\":[{\"id\":\"1\",\"name\":\"m\",\"Owner\":\"kube:admin\"}],\"nextPageToken\":\"\"}";
        assertEquals(
                "kube:admin",
                KfmrJson.readList(json(doc), RegisteredModel.class, "x")
                        .items()
                        .get(0)
                        .owner());
    }

    @Test
    void malformedJsonNamesFileLineAndColumnOnOneLine() {
        String doc = "{\"items\":[\n  {\"id\":\"1\",\n   \"name\": }\n]}";
        KfmrFormatException e = assertThrows(
                KfmrFormatException.class,
                () -> KfmrJson.readList(json(doc), RegisteredModel.class, "registered_models.json"));
        assertTrue(
                e.getMessage().startsWith("registered_models.json: line 3, column 12: Unexpected character ('}'"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals("registered_models.json", e.origin());
    }

    @Test
    void wrongShapeNamesTheJsonPath() {
        String doc = "{\"items\":[{\"id\":\"1\",\"customProperties\":[1]}],\"nextPageToken\":\"\"}";
        KfmrFormatException e = assertThrows(
                KfmrFormatException.class, () -> KfmrJson.readList(json(doc), RegisteredModel.class, "f.json"));
        assertTrue(e.getMessage().startsWith("f.json: line 1, column "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(at $.items[0].customProperties)"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void emptyDocumentIsAFormatError() {
        KfmrFormatException e = assertThrows(
                KfmrFormatException.class, () -> KfmrJson.readList(new byte[0], RegisteredModel.class, "empty.json"));
        assertTrue(e.getMessage().startsWith("empty.json: "), e.getMessage());
    }

    @Test
    void writtenValuesReadBackEqualWithNullsOmittedAndKeysSorted() {
        ModelArtifact a = new ModelArtifact(
                "1",
                "v1",
                null,
                null,
                Map.of("z", new MetadataValue.IntValue("1"), "a", new MetadataValue.BoolValue(false)),
                "1",
                "2",
                "model-artifact",
                "s3://b/k",
                "LIVE",
                "onnx",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        String text = new String(KfmrJson.writePretty(a), StandardCharsets.UTF_8);
        assertFalse(text.contains("null"), text);
        assertTrue(text.indexOf("\"a\": {") < text.indexOf("\"z\": {"), text);
        assertTrue(text.endsWith("}\n"));
        assertEquals(a, KfmrJson.read(json(text), ModelArtifact.class, "a.json"));
    }
}
