package io.modelcatalogbridge.render;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcatalogbridge.model.Model;
import io.modelcatalogbridge.model.ModelCatalog;
import io.modelcatalogbridge.model.ModelServer;
import io.modelcatalogbridge.model.ModelServerApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The model-catalog JSON document ({@code schema/model-catalog.schema.json}) that every RHDH catalog module reads.
 *
 * <p>The tree is built field by field in one fixed order instead of by data binding, so the output cannot change
 * with a Jackson upgrade or a record reordering. Absent fields, empty tag lists and empty annotation maps are left
 * out: the 0.2–0.9 modules abort a whole run on a JSON {@code null}. Empty strings are kept on purpose (the mapping
 * sends {@code "TechDocs": ""} for old modules).
 */
public final class JsonArrayFormat implements Renderer {

    public static final String NAME = "JsonArrayFormat";
    public static final String FILE_NAME = "model-catalog.json";
    public static final String CONTENT_TYPE = "application/json";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    // Explicit "\n" indenters: Jackson's defaults use the platform line separator.
    private static final ObjectWriter WRITER = new ObjectMapper()
            .writer(new DefaultPrettyPrinter()
                    .withSeparators(
                            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    @Override
    public String formatName() {
        return NAME;
    }

    @Override
    public String fileName() {
        return FILE_NAME;
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public byte[] render(ModelCatalog catalog) {
        try {
            return (WRITER.writeValueAsString(toJson(catalog)) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            // Writing an in-memory tree to a string cannot fail for I/O reasons.
            throw new UncheckedIOException(e);
        }
    }

    /** The document as a Jackson tree, in output order. */
    public ObjectNode toJson(ModelCatalog catalog) {
        ObjectNode root = NODES.objectNode();
        if (catalog.modelServer() != null) {
            root.set("modelServer", server(catalog.modelServer()));
        }
        ArrayNode models = root.putArray("models");
        for (Model m : catalog.models()) {
            models.add(model(m));
        }
        return root;
    }

    private static ObjectNode server(ModelServer s) {
        ObjectNode o = NODES.objectNode();
        o.put("name", s.name());
        o.put("owner", s.owner());
        o.put("lifecycle", s.lifecycle());
        o.put("description", s.description());
        if (s.api() != null) {
            o.set("API", api(s.api()));
        }
        if (s.authentication() != null) {
            o.put("authentication", s.authentication());
        }
        putText(o, "homepageURL", s.homepageURL());
        putTags(o, s.tags());
        putText(o, "usage", s.usage());
        putAnnotations(o, s.annotations());
        return o;
    }

    private static ObjectNode api(ModelServerApi a) {
        ObjectNode o = NODES.objectNode();
        o.put("url", a.url());
        o.put("type", a.type().wireName());
        o.put("spec", a.spec());
        putTags(o, a.tags());
        putAnnotations(o, a.annotations());
        return o;
    }

    private static ObjectNode model(Model m) {
        ObjectNode o = NODES.objectNode();
        o.put("name", m.name());
        o.put("owner", m.owner());
        o.put("lifecycle", m.lifecycle());
        o.put("description", m.description());
        putText(o, "artifactLocationURL", m.artifactLocationURL());
        putText(o, "ethics", m.ethics());
        putText(o, "license", m.license());
        putText(o, "howToUseURL", m.howToUseURL());
        putText(o, "support", m.support());
        putTags(o, m.tags());
        putText(o, "training", m.training());
        putText(o, "usage", m.usage());
        putAnnotations(o, m.annotations());
        return o;
    }

    private static void putText(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    private static void putTags(ObjectNode o, List<String> tags) {
        if (tags != null && !tags.isEmpty()) {
            ArrayNode arr = o.putArray("tags");
            tags.forEach(arr::add);
        }
    }

    private static void putAnnotations(ObjectNode o, Map<String, String> annotations) {
        if (annotations == null) {
            return;
        }
        ObjectNode a = NODES.objectNode();
        // The records keep annotations in a SortedMap; null values are skipped rather than written as null.
        annotations.forEach((k, v) -> {
            if (k != null && v != null) {
                a.put(k, v);
            }
        });
        if (!a.isEmpty()) {
            o.set("annotations", a);
        }
    }
}
