package io.modelcatalogbridge.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Keeps the Java records, the JSON renderer and the catalog schema in step: a field added to one and not the others
 * fails here instead of being silently dropped or rejected by RHDH.
 */
class SchemaDriftTest {

    /** SHA-256 of the upstream reference schema (redhat-ai-dev/model-catalog-bridge {@code schema/}). */
    private static final String REFERENCE_SCHEMA_SHA256 =
            "c1d2f87f38f3d45aa4c8eacca22e1c8114b79b215258987c5260b2216ec6f523";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void repositorySchemaIsTheReferenceSchemaUnchanged() throws Exception {
        byte[] bytes = Files.readAllBytes(Path.of("schema/model-catalog.schema.json"));
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals(REFERENCE_SCHEMA_SHA256, sha, "schema/model-catalog.schema.json differs from the reference");
    }

    @Test
    void fullyPopulatedDocumentUsesExactlyTheSchemaPropertiesAtEveryLevel() throws Exception {
        JsonNode schema = schema();
        JsonNode doc = MAPPER.readTree(new JsonArrayFormat().render(SampleCatalogs.full()));
        assertEquals(properties(schema), fields(doc), "top level");
        assertEquals(properties(serverSchema(schema)), fields(doc.get("modelServer")), "modelServer");
        assertEquals(properties(apiSchema(schema)), fields(doc.at("/modelServer/API")), "modelServer.API");
        assertEquals(properties(modelSchema(schema)), fields(doc.at("/models/0")), "models[0]");
    }

    @Test
    void requiredPropertiesArePresentEvenInAMinimalDocument() throws Exception {
        JsonNode schema = schema();
        JsonNode doc = MAPPER.readTree(new JsonArrayFormat().render(SampleCatalogs.minimal()));
        assertTrue(fields(doc.get("modelServer")).containsAll(required(serverSchema(schema))));
        assertTrue(fields(doc.at("/modelServer/API")).containsAll(required(apiSchema(schema))));
        assertTrue(fields(doc.at("/models/0")).containsAll(required(modelSchema(schema))));
        JsonNode noServer = MAPPER.readTree(new JsonArrayFormat().render(SampleCatalogs.noServer()));
        assertTrue(fields(noServer).contains("models"));
    }

    private static JsonNode schema() throws Exception {
        try (InputStream in = SchemaDriftTest.class.getResourceAsStream("/" + CatalogSchema.RESOURCE)) {
            return MAPPER.readTree(in);
        }
    }

    private static JsonNode serverSchema(JsonNode schema) {
        return schema.at("/$defs/modelServer");
    }

    private static JsonNode apiSchema(JsonNode schema) {
        return schema.at("/$defs/modelServer/$defs/modelServerAPI");
    }

    private static JsonNode modelSchema(JsonNode schema) {
        return schema.at("/$defs/model");
    }

    private static Set<String> properties(JsonNode schema) {
        return fields(schema.get("properties"));
    }

    private static Set<String> required(JsonNode schema) {
        Set<String> names = new TreeSet<>();
        schema.get("required").forEach(n -> names.add(n.asText()));
        return names;
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
