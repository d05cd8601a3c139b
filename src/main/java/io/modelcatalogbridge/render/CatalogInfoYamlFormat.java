package io.modelcatalogbridge.render;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.modelcatalogbridge.model.Model;
import io.modelcatalogbridge.model.ModelAnnotations;
import io.modelcatalogbridge.model.ModelCatalog;
import io.modelcatalogbridge.model.ModelServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The Go bridge's legacy {@code catalog-info.yaml}: plain Backstage entities that any Backstage reads from a
 * {@code url} location, no model-catalog module needed.
 *
 * <p>Per document, in this fixed order: the server's {@code Component} and {@code API} (when there is a server), then
 * one {@code Resource} per model in document order. Each entity starts with {@code ---}. Every string value is
 * double-quoted, so values such as {@code yes}, {@code 1.0} or {@code null} stay strings in any YAML parser, and long
 * values are never folded. Tags and annotation keys that Backstage would reject are left out here, because one bad
 * tag would make Backstage refuse the whole entity.
 */
public final class CatalogInfoYamlFormat implements Renderer {

    public static final String NAME = "CatalogInfoYamlFormat";
    public static final String FILE_NAME = "catalog-info.yaml";
    public static final String CONTENT_TYPE = "application/yaml";

    static final String API_VERSION = "backstage.io/v1alpha1";
    static final String TECHDOCS_REF = "backstage.io/techdocs-ref";

    /** Definition written when the API spec is unknown. */
    static final String NO_DEFINITION = "no-definition-yet";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectWriter WRITER = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .disable(YAMLGenerator.Feature.USE_PLATFORM_LINE_BREAKS)
            .disable(YAMLGenerator.Feature.USE_NATIVE_OBJECT_ID)
            .enable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build()
            .writer();

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
        StringBuilder out = new StringBuilder();
        for (ObjectNode entity : entities(catalog)) {
            try {
                out.append(WRITER.writeValueAsString(entity));
            } catch (IOException e) {
                // Writing an in-memory tree to a string cannot fail for I/O reasons.
                throw new UncheckedIOException(e);
            }
        }
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The entities of one document, in output order. */
    public List<ObjectNode> entities(ModelCatalog catalog) {
        List<ObjectNode> entities = new ArrayList<>();
        ModelServer server = catalog.modelServer();
        if (server != null) {
            entities.add(component(server, catalog.models()));
            if (server.api() != null) {
                entities.add(api(server));
            }
        }
        for (Model m : catalog.models()) {
            entities.add(resource(m, server));
        }
        return entities;
    }

    private static ObjectNode component(ModelServer s, List<Model> models) {
        List<String> tags = new ArrayList<>(s.tags());
        if (s.authentication() != null) {
            // Same tag RHDH's catalog module adds, so both formats show the same thing.
            tags.add(s.authentication() ? "auth-required" : "auth-not-required");
        }
        ObjectNode metadata = metadata(s.name(), s.description(), tags, s.annotations());
        ArrayNode links = NODES.arrayNode();
        if (s.api() != null) {
            link(links, s.api().url(), "API");
        }
        link(links, s.homepageURL(), "Homepage");
        setLinks(metadata, links);

        ObjectNode spec = NODES.objectNode();
        spec.put("type", "model-server");
        spec.put("owner", ownerRef(s.owner()));
        spec.put("lifecycle", s.lifecycle());
        if (s.api() != null) {
            spec.putArray("providesApis").add(s.name());
        }
        if (!models.isEmpty()) {
            ArrayNode dependsOn = spec.putArray("dependsOn");
            models.forEach(m -> dependsOn.add("resource:" + m.name()));
        }
        return entity("Component", metadata, spec);
    }

    private static ObjectNode api(ModelServer s) {
        ObjectNode metadata =
                metadata(s.name(), s.description(), s.api().tags(), s.api().annotations());
        ArrayNode links = NODES.arrayNode();
        link(links, s.api().url(), "API");
        setLinks(metadata, links);

        ObjectNode spec = NODES.objectNode();
        spec.put("type", s.api().type().wireName());
        spec.put("owner", ownerRef(s.owner()));
        spec.put("lifecycle", s.lifecycle());
        // Backstage rejects an API without a definition; the Go bridge used the same placeholder.
        spec.put(
                "definition", s.api().spec().isBlank() ? NO_DEFINITION : s.api().spec());
        return entity("API", metadata, spec);
    }

    private static ObjectNode resource(Model m, ModelServer server) {
        // TechDocs/techdocs are the model-catalog JSON contract's keys (RHDH's module turns one of them into a
        // TechDocs reference); on a plain entity they are two keys that differ only in case, which Backstage refuses.
        // The entity gets the real reference instead, when an absolute URL is known.
        SortedMap<String, String> annotations = new TreeMap<>(m.annotations());
        annotations.remove(ModelAnnotations.TECHDOCS_ABSOLUTE);
        annotations.remove(ModelAnnotations.TECHDOCS_PATH);
        techDocsUrl(m).ifPresent(url -> annotations.putIfAbsent(TECHDOCS_REF, "url:" + url));
        ObjectNode metadata = metadata(m.name(), m.description(), m.tags(), annotations);
        ArrayNode links = NODES.arrayNode();
        link(links, m.artifactLocationURL(), "Artifact Location");
        link(links, m.howToUseURL(), "How to use");
        setLinks(metadata, links);

        ObjectNode spec = NODES.objectNode();
        spec.put("type", "ai-model");
        spec.put("owner", ownerRef(m.owner()));
        spec.put("lifecycle", m.lifecycle());
        if (server != null) {
            spec.putArray("dependencyOf").add("component:" + server.name());
        }
        return entity("Resource", metadata, spec);
    }

    private static ObjectNode entity(String kind, ObjectNode metadata, ObjectNode spec) {
        ObjectNode e = NODES.objectNode();
        e.put("apiVersion", API_VERSION);
        e.put("kind", kind);
        e.set("metadata", metadata);
        e.set("spec", spec);
        return e;
    }

    private static ObjectNode metadata(
            String name, String description, List<String> tags, Map<String, String> annotations) {
        ObjectNode md = NODES.objectNode();
        md.put("name", name);
        if (description != null && !description.isEmpty()) {
            md.put("description", description);
        }
        List<String> valid = tags.stream()
                .filter(BackstageRules::isValidTag)
                .distinct()
                .sorted()
                .toList();
        if (!valid.isEmpty()) {
            ArrayNode arr = md.putArray("tags");
            valid.forEach(arr::add);
        }
        ObjectNode ann = NODES.objectNode();
        Set<String> caseless = new HashSet<>();
        new TreeMap<>(annotations).forEach((k, v) -> {
            // Backstage refuses an entity with keys that differ only in case: the first in key order is kept.
            if (v != null && BackstageRules.isValidAnnotationKey(k) && caseless.add(SearchKeys.lower(k))) {
                ann.put(k, v);
            }
        });
        if (!ann.isEmpty()) {
            md.set("annotations", ann);
        }
        return md;
    }

    /**
     * A link Backstage would refuse (no scheme, or an http(s) URL without a host) makes it reject the whole entity,
     * so such a value from the registry is left out rather than passed on.
     */
    private static void link(ArrayNode links, String url, String title) {
        if (url != null && !url.isBlank() && BackstageRules.isValidUrl(url)) {
            ObjectNode l = links.addObject();
            l.put("url", url);
            l.put("title", title);
        }
    }

    private static void setLinks(ObjectNode metadata, ArrayNode links) {
        if (!links.isEmpty()) {
            metadata.set("links", links);
        }
    }

    /** A bare user name becomes {@code user:<name>}, as the catalog modules do; a full entity ref is kept. */
    static String ownerRef(String owner) {
        return owner.contains(":") ? owner : "user:" + owner;
    }

    /**
     * The model's documentation as an absolute http(s) URL: the {@code TechDocs} link, else the model card's URL
     * under the location service (known when the location URL is configured); empty when neither is absolute.
     */
    static Optional<String> techDocsUrl(Model m) {
        return Stream.of(ModelAnnotations.TECHDOCS_ABSOLUTE, ModelAnnotations.TECHDOCS_PATH)
                .map(k -> m.annotations().get(k))
                .filter(CatalogInfoYamlFormat::isAbsoluteHttpUrl)
                .map(String::trim)
                .findFirst();
    }

    static boolean isAbsoluteHttpUrl(String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return (v.startsWith("http://") && v.length() > 7) || (v.startsWith("https://") && v.length() > 8);
    }
}
