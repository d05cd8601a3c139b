package io.modelcatalogbridge.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Locale;
import java.util.Set;

/**
 * The model-catalog JSON Schema shipped in the jar ({@code /schema/model-catalog.schema.json}), compiled once.
 *
 * <p>It is loaded by its classpath location rather than from a string: its {@code $defs} carry relative
 * {@code $id}s ({@code modelServer}, {@code modelServerAPI}, {@code model}) and the {@code $ref}s inside them resolve
 * against those ids, which needs a base URI.
 */
final class CatalogSchema {

    static final String RESOURCE = "schema/model-catalog.schema.json";

    private CatalogSchema() {}

    private static final class Holder {
        static final JsonSchema SCHEMA = load();

        private static JsonSchema load() {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .pathType(PathType.JSON_POINTER)
                    .locale(Locale.ENGLISH)
                    .formatAssertionsEnabled(false)
                    .build();
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(SchemaLocation.of("classpath:" + RESOURCE), config);
            // Resolve every $ref now, so a broken schema fails at first use, not in the middle of a validation.
            schema.initializeValidators();
            return schema;
        }
    }

    static Set<ValidationMessage> validate(JsonNode document) {
        return Holder.SCHEMA.validate(document);
    }
}
