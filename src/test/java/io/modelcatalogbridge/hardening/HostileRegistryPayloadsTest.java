package io.modelcatalogbridge.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcatalogbridge.model.MappingSettings;
import io.modelcatalogbridge.source.kfmr.InferenceService;
import io.modelcatalogbridge.source.kfmr.KfmrFormatException;
import io.modelcatalogbridge.source.kfmr.KfmrJson;
import io.modelcatalogbridge.source.kfmr.ModelArtifact;
import io.modelcatalogbridge.source.kfmr.ModelVersion;
import io.modelcatalogbridge.source.kfmr.RegisteredModel;
import io.modelcatalogbridge.source.kfmr.RegistryContents;
import io.modelcatalogbridge.source.kfmr.ServingEnvironment;
import io.modelcatalogbridge.sync.CatalogAssembler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@value Hostile#CASES} generated registries of hostile KFMR payloads (huge strings, control characters, invalid
 * UTF-8, YAML-special characters, deep nesting, truncated JSON, thousands of custom properties), each read the way
 * the registry client reads a page, mapped, rendered in both formats and validated: a payload is either refused as
 * unreadable ({@link KfmrFormatException}) or becomes documents that every check accepts. Nothing else may happen:
 * no other exception, no hang.
 */
class HostileRegistryPayloadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] STATES = {"LIVE", "ARCHIVED", "", "live", "UNKNOWN"};
    private static final String[] TYPES = {
        "MetadataStringValue",
        "MetadataIntValue",
        "MetadataDoubleValue",
        "MetadataBoolValue",
        "MetadataStructValue",
        "MetadataProtoValue",
        "SomethingNew",
        ""
    };

    @Test
    void everyPayloadIsRefusedAsUnreadableOrRendersDocumentsThatValidate() {
        Stats stats = Cases.run("hostile KFMR payloads", Hostile.CASES, this::oneCase);
        assertEquals(Hostile.CASES, stats.cases());
        // A generator that only ever produced garbage would prove nothing: most payloads must map to documents.
        assertTrue(stats.documents() > Hostile.CASES, stats.toString());
        assertTrue(stats.refused() > 0, "some payloads are damaged on purpose: " + stats);
    }

    private Stats oneCase(long seed) {
        Hostile h = new Hostile(seed);
        RegistryContents contents;
        try {
            contents = read(h);
        } catch (KfmrFormatException refused) {
            return Stats.refusedOne();
        }
        CatalogAssembler.Assembly a =
                CatalogAssembler.assemble(List.of(contents), List.of(), MappingSettings.defaults());
        return Cases.renderedValidAndAccepted(a.documents());
    }

    /** Generates the five KFMR lists, damages some, and reads them as {@code KfmrClient} reads a page. */
    private RegistryContents read(Hostile h) {
        List<ObjectNode> models = new ArrayList<>();
        List<ObjectNode> versions = new ArrayList<>();
        Map<String, List<ModelArtifact>> artifacts = new HashMap<>();
        List<ObjectNode> services = new ArrayList<>();
        List<ObjectNode> environments = new ArrayList<>();
        int ids = 1;
        ObjectNode env = record(h, Integer.toString(ids++));
        environments.add(env);
        int modelCount = 1 + h.nextInt(3);
        for (int m = 0; m < modelCount; m++) {
            ObjectNode rm = record(h, Integer.toString(ids++));
            rm.put("owner", h.string());
            rm.put("readme", h.chance(2) ? h.huge() : h.string());
            models.add(rm);
            int versionCount = 1 + h.nextInt(3);
            for (int v = 0; v < versionCount; v++) {
                ObjectNode mv = record(h, Integer.toString(ids++));
                mv.put("registeredModelId", h.chance(95) ? rm.path("id").asText() : h.string());
                mv.put("author", h.string());
                versions.add(mv);
                List<ObjectNode> list = new ArrayList<>();
                for (int a = h.nextInt(3); a > 0; a--) {
                    ObjectNode ma = record(h, Integer.toString(ids++));
                    ma.put("artifactType", h.chance(80) ? "model-artifact" : h.string());
                    ma.put("uri", h.chance(50) ? "oci://registry.example.com/" + h.string() : h.string());
                    ma.put("modelFormatName", h.string());
                    ma.put("modelFormatVersion", h.string());
                    if (h.chance(10)) {
                        ma.put("modelSourceKind", "catalog");
                        ma.put("modelSourceId", h.string());
                        ma.put("modelSourceName", h.string());
                    }
                    list.add(ma);
                }
                artifacts.put(mv.path("id").asText(), readList(h, list, ModelArtifact.class));
                if (h.chance(50)) {
                    ObjectNode is = record(h, Integer.toString(ids++));
                    is.put("registeredModelId", rm.path("id").asText());
                    is.put("modelVersionId", mv.path("id").asText());
                    is.put("servingEnvironmentId", env.path("id").asText());
                    is.put("runtime", h.string());
                    is.put("desiredState", h.chance(80) ? "DEPLOYED" : h.string());
                    properties(h, is)
                            .set(
                                    "url",
                                    stringValue(h.chance(70) ? "https://" + h.name() + ".example.com" : h.string()));
                    services.add(is);
                }
            }
        }
        return new RegistryContents(
                h.chance(90) ? "modelregistry-public" : h.string(),
                readList(h, models, RegisteredModel.class),
                readList(h, versions, ModelVersion.class),
                artifacts,
                readList(h, services, InferenceService.class),
                readList(h, environments, ServingEnvironment.class),
                List.of());
    }

    private ObjectNode record(Hostile h, String id) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", h.chance(97) ? id : h.string());
        n.put("name", h.name());
        if (h.chance(70)) {
            n.put("description", h.string());
        }
        n.put("externalId", h.string());
        n.put("state", STATES[h.nextInt(STATES.length)]);
        n.put("createTimeSinceEpoch", h.epoch());
        n.put("lastUpdateTimeSinceEpoch", h.epoch());
        ObjectNode props = properties(h, n);
        int count = h.nextInt(500) == 0 ? 10_000 : h.nextInt(8);
        for (int i = 0; i < count; i++) {
            String key = h.chance(30)
                    ? h.pick(List.of(
                            "License",
                            "Provider",
                            "Owner",
                            "Lifecycle",
                            "API Type",
                            "TechDocs",
                            "Homepage URL",
                            "API Spec",
                            "Ethics",
                            "How to use",
                            "Support",
                            "Training",
                            "Usage",
                            "Registered from",
                            "_registeredFromCatalogRepositoryName"))
                    : count > 100 ? "p" + i : h.string();
            props.set(key, metadata(h));
        }
        return n;
    }

    private static ObjectNode properties(Hostile h, ObjectNode n) {
        JsonNode existing = n.get("customProperties");
        if (existing instanceof ObjectNode o) {
            return o;
        }
        return n.putObject("customProperties");
    }

    private JsonNode metadata(Hostile h) {
        ObjectNode v = JSON.createObjectNode();
        String type = TYPES[h.nextInt(TYPES.length)];
        v.put("metadataType", type);
        switch (type) {
            case "MetadataIntValue" ->
                v.put("int_value", h.chance(50) ? Integer.toString(h.nextInt(1000)) : h.string());
            case "MetadataDoubleValue" -> v.put("double_value", h.chance(50) ? h.nextInt(100) / 3.0 : Double.MAX_VALUE);
            case "MetadataBoolValue" -> v.put("bool_value", h.chance(50));
            case "MetadataStructValue" -> v.put("struct_value", h.string());
            case "MetadataProtoValue" -> v.put("type", h.string()).put("proto_value", h.string());
            default -> v.put("string_value", h.string());
        }
        if (h.chance(3)) {
            v.set("nested", nested(h.nextInt(200)));
        }
        return v;
    }

    private static ObjectNode stringValue(String s) {
        ObjectNode v = JSON.createObjectNode();
        v.put("metadataType", "MetadataStringValue");
        v.put("string_value", s);
        return v;
    }

    private static JsonNode nested(int depth) {
        JsonNode n = JSON.createObjectNode().put("leaf", true);
        for (int i = 0; i < depth; i++) {
            ArrayNode a = JSON.createArrayNode();
            a.add(n);
            n = a;
        }
        return n;
    }

    /** A KFMR list envelope of {@code items}, damaged at random, read as the registry client reads it. */
    private static <T> List<T> readList(Hostile h, List<ObjectNode> items, Class<T> type) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.putArray("items").addAll(items);
        envelope.put("size", items.size());
        envelope.put("pageSize", 100);
        envelope.put("nextPageToken", "");
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (h.nextInt(40) == 0) {
            bytes = h.damage(bytes);
        }
        return KfmrJson.readList(bytes, type, type.getSimpleName() + "s").items();
    }
}
