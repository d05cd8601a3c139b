package io.modelcatalogbridge.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Checks a {@code catalog-info.yaml} the way Backstage's catalog (backend 3.9.1, catalog-model 1.10) processes it:
 * the root fields it knows, the envelope and metadata field formats ({@code FieldFormatEntityPolicy}), the spec
 * schemas of the built-in kinds, the entity references in their relation fields ({@code
 * BuiltinKindsEntityProcessor}), and the search keys built when the entity is stitched ({@link SearchKeys}).
 * Pointers start with the document index ({@code /1/metadata/name}).
 */
final class EntityYamlValidator {

    /** Root fields {@code NoForeignRootFieldsEntityPolicy} accepts. */
    private static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata", "spec");

    /** apiVersions the built-in kinds' schemas accept. */
    private static final Set<String> BUILTIN_API_VERSIONS = Set.of("backstage.io/v1alpha1", "backstage.io/v1beta1");

    /** The built-in kinds' spec schemas: required non-empty strings, optional non-empty strings, string lists. */
    private record KindSchema(List<String> required, List<String> optional, List<String> lists) {}

    private static final Map<String, KindSchema> KINDS = Map.of(
            "Component",
            new KindSchema(
                    List.of("type", "lifecycle", "owner"),
                    List.of("system", "subcomponentOf"),
                    List.of("providesApis", "consumesApis", "dependsOn")),
            "API",
            new KindSchema(List.of("type", "lifecycle", "owner", "definition"), List.of("system"), List.of()),
            "Resource",
            new KindSchema(List.of("type", "owner"), List.of("system"), List.of("dependsOn")),
            "Location",
            new KindSchema(List.of(), List.of("type", "target"), List.of("targets")));

    // Backstage's YAML reader refuses duplicate keys too.
    private static final ObjectReader READER = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build()
            .readerFor(JsonNode.class);

    private EntityYamlValidator() {}

    /** Problems of one file; its entities and relations are recorded in {@code entities}. */
    static List<Problem> validate(String file, byte[] content, EntitySet entities) {
        List<Problem> problems = new ArrayList<>();
        int index = 0;
        try (MappingIterator<JsonNode> docs = READER.readValues(content)) {
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                // An empty document (a stray '---') is skipped by Backstage's reader as well.
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    new Entity(file, "/" + index, problems, entities).check(doc);
                }
                index++;
            }
        } catch (JsonProcessingException e) {
            problems.add(Problem.error(
                    file,
                    "/" + index,
                    "malformed YAML" + CatalogJsonValidator.at(e.getLocation()) + ": "
                            + CatalogJsonValidator.oneLine(e.getOriginalMessage())));
        } catch (IOException | RuntimeException e) {
            problems.add(Problem.error(file, "", "cannot read YAML: " + CatalogJsonValidator.oneLine(e.getMessage())));
        }
        if (index == 0 && problems.isEmpty()) {
            problems.add(Problem.error(file, "", "no YAML document found, expected Backstage entities"));
        }
        return problems.stream().distinct().sorted(Problem.ORDER).toList();
    }

    private record Entity(String file, String p, List<Problem> out, EntitySet entities) {

        void check(JsonNode e) {
            if (!e.isObject()) {
                error(
                        p,
                        "a Backstage entity must be a mapping, found "
                                + e.getNodeType().name().toLowerCase(Locale.ROOT));
                return;
            }
            e.fieldNames().forEachRemaining(f -> {
                if (!ROOT_FIELDS.contains(f)) {
                    error(
                            Pointers.child(p, f),
                            "unknown root field '" + f + "': Backstage accepts only "
                                    + "apiVersion, kind, metadata and spec");
                }
            });
            String apiVersion = requiredText(e, p, "apiVersion");
            if (apiVersion != null && !BackstageRules.isValidApiVersion(apiVersion)) {
                error(
                        p + "/apiVersion",
                        "apiVersion '" + apiVersion + "' is not valid (expected group/version, e.g. "
                                + CatalogInfoYamlFormat.API_VERSION + ")");
            }
            String kind = requiredText(e, p, "kind");
            if (kind != null && !BackstageRules.isValidKind(kind)) {
                error(p + "/kind", "kind '" + kind + "' is not valid (a letter, then letters and digits)");
            }
            JsonNode metadata = e.get("metadata");
            String name = null;
            if (metadata == null || !metadata.isObject()) {
                error(
                        metadata == null ? p : p + "/metadata",
                        metadata == null ? "required property 'metadata' is missing" : "metadata must be a mapping");
            } else {
                name = metadata(metadata, p + "/metadata");
            }
            KindSchema schema = kind == null ? null : KINDS.get(kind);
            if (schema != null) {
                if (apiVersion != null && !BUILTIN_API_VERSIONS.contains(apiVersion)) {
                    error(
                            p + "/apiVersion",
                            "apiVersion '" + apiVersion + "' is not one Backstage's " + kind
                                    + " kind accepts ("
                                    + String.join(
                                            " or ",
                                            BUILTIN_API_VERSIONS.stream()
                                                    .sorted()
                                                    .toList())
                                    + ")");
                }
                spec(e.get("spec"), kind, schema);
            }
            String namespace =
                    metadata == null ? null : metadata.path("namespace").asText(null);
            if (kind != null && name != null && BackstageRules.isValidEntityName(name)) {
                entities.declare(
                        new EntityRefs.Ref(kind, namespace == null ? EntityRefs.DEFAULT_NAMESPACE : namespace, name),
                        file,
                        p,
                        out);
                references(e.get("spec"), kind, namespace == null ? EntityRefs.DEFAULT_NAMESPACE : namespace);
            }
            for (String key : SearchKeys.caseDuplicates(e)) {
                error(
                        p,
                        "Backstage refuses this entity: InputError: Entity has duplicate keys that vary only in "
                                + "casing, '" + key + "'");
            }
        }

        /** Checks metadata; returns the name when it is a string. */
        private String metadata(JsonNode md, String mp) {
            String name = requiredText(md, mp, "name");
            if (name != null && !BackstageRules.isValidEntityName(name)) {
                error(
                        mp + "/name",
                        "metadata.name '" + name + "' is not a valid Backstage entity name (" + BackstageRules.NAME_RULE
                                + ")" + tooLong(name));
            }
            JsonNode ns = md.get("namespace");
            if (ns != null && !(ns.isTextual() && BackstageRules.isValidNamespace(ns.asText()))) {
                error(
                        mp + "/namespace",
                        "metadata.namespace '" + ns.asText() + "' is not valid (" + BackstageRules.NAMESPACE_RULE
                                + ")");
            }
            optionalText(md, mp, "title");
            optionalText(md, mp, "description");
            tags(md.get("tags"), mp + "/tags");
            keyValues(md.get("annotations"), mp + "/annotations", "annotation", v -> true, "");
            keyValues(
                    md.get("labels"),
                    mp + "/labels",
                    "label",
                    BackstageRules::isValidLabelValue,
                    "empty, or " + BackstageRules.NAME_RULE);
            links(md.get("links"), mp + "/links");
            return name;
        }

        private void tags(JsonNode tags, String tp) {
            if (tags == null) {
                return;
            }
            if (!tags.isArray()) {
                error(tp, "tags must be a list");
                return;
            }
            for (int i = 0; i < tags.size(); i++) {
                JsonNode t = tags.get(i);
                if (!t.isTextual() || !BackstageRules.isValidTag(t.asText())) {
                    error(
                            Pointers.child(tp, i),
                            "tag '" + t.asText() + "' is not a valid Backstage tag (" + BackstageRules.TAG_RULE + ")"
                                    + tooLong(t.asText()));
                }
            }
        }

        /** Annotations and labels: keys in the annotation-key format, string values ({@code valueRule}). */
        private void keyValues(JsonNode map, String mp, String what, Predicate<String> value, String valueRule) {
            if (map == null) {
                return;
            }
            if (!map.isObject()) {
                error(mp, what + "s must be a mapping");
                return;
            }
            map.properties().forEach(en -> {
                String kp = Pointers.child(mp, en.getKey());
                if (!BackstageRules.isValidAnnotationKey(en.getKey())) {
                    error(
                            kp,
                            what + " key '" + en.getKey() + "' is not valid (" + BackstageRules.ANNOTATION_KEY_RULE
                                    + ")");
                }
                JsonNode v = en.getValue();
                if (!v.isTextual()) {
                    error(kp, what + " value must be a string");
                } else if (!value.test(v.asText())) {
                    error(kp, what + " value '" + v.asText() + "' is not valid (" + valueRule + ")");
                }
            });
        }

        private void links(JsonNode links, String lp) {
            if (links == null) {
                return;
            }
            if (!links.isArray()) {
                error(lp, "links must be a list");
                return;
            }
            for (int i = 0; i < links.size(); i++) {
                JsonNode l = links.get(i);
                String ip = Pointers.child(lp, i);
                if (!l.isObject()) {
                    error(ip, "a link must be a mapping with a url");
                    continue;
                }
                JsonNode url = l.get("url");
                if (url == null || !url.isTextual() || url.asText().isBlank()) {
                    error(url == null ? ip : ip + "/url", "a link needs a non-empty string url");
                } else if (!BackstageRules.isValidUrl(url.asText())) {
                    error(
                            ip + "/url",
                            "link url '" + url.asText() + "' is not a URL Backstage accepts (an absolute "
                                    + "URL with a scheme, and a host for http(s))");
                }
                // FieldFormatEntityPolicy trims title and icon; the schema only needs a type to be non-empty.
                nonEmptyText(l, ip, "title", true);
                nonEmptyText(l, ip, "icon", true);
                nonEmptyText(l, ip, "type", false);
            }
        }

        private void spec(JsonNode spec, String kind, KindSchema schema) {
            if (spec == null || !spec.isObject()) {
                error(
                        spec == null ? p : p + "/spec",
                        spec == null
                                ? "required property 'spec' is missing (" + kind + " needs "
                                        + String.join(", ", schema.required()) + ")"
                                : "spec must be a mapping");
                return;
            }
            for (String field : schema.required()) {
                String v = requiredText(spec, p + "/spec", field);
                if (v != null && v.isEmpty()) {
                    error(p + "/spec/" + field, "spec." + field + " must not be empty for a " + kind);
                }
            }
            for (String field : schema.optional()) {
                nonEmptyText(spec, p + "/spec", field, false);
            }
            for (String field : schema.lists()) {
                JsonNode list = spec.get(field);
                if (list == null) {
                    continue;
                }
                if (!list.isArray()) {
                    error(p + "/spec/" + field, "spec." + field + " must be a list of strings");
                    continue;
                }
                for (int i = 0; i < list.size(); i++) {
                    if (!list.get(i).isTextual() || list.get(i).asText().isEmpty()) {
                        error(
                                Pointers.child(p + "/spec/" + field, i),
                                "spec." + field + " entries must be non-empty strings");
                    }
                }
            }
        }

        /** The relation fields the kind's processor reads: each reference must parse, or the entity is refused. */
        private void references(JsonNode spec, String kind, String namespace) {
            List<EntityRefs.Field> fields = EntityRefs.FIELDS.get(kind);
            if (fields == null || spec == null || !spec.isObject()) {
                return;
            }
            for (EntityRefs.Field f : fields) {
                JsonNode v = spec.get(f.name());
                if (v == null) {
                    continue;
                }
                if (v.isTextual()) {
                    reference(v.asText(), f, namespace, p + "/spec/" + f.name());
                } else if (v.isArray()) {
                    for (int i = 0; i < v.size(); i++) {
                        if (v.get(i).isTextual()) {
                            reference(v.get(i).asText(), f, namespace, Pointers.child(p + "/spec/" + f.name(), i));
                        }
                    }
                }
            }
        }

        private void reference(String raw, EntityRefs.Field f, String namespace, String pointer) {
            if (raw.isEmpty()) {
                return; // the kind's schema already reports it
            }
            try {
                entities.relation(file, pointer, f.name(), raw, EntityRefs.parse(raw, f.defaultKind(), namespace));
            } catch (IllegalArgumentException ex) {
                error(pointer, "spec." + f.name() + ": " + ex.getMessage() + "; Backstage refuses the entity");
            }
        }

        /** The field's text, or {@code null} after reporting it missing or not a string. */
        private String requiredText(JsonNode o, String op, String field) {
            JsonNode v = o.get(field);
            if (v == null) {
                error(op, "required property '" + field + "' is missing");
                return null;
            }
            if (!v.isTextual()) {
                error(op + "/" + field, field + " must be a string");
                return null;
            }
            return v.asText();
        }

        private void optionalText(JsonNode o, String op, String field) {
            JsonNode v = o.get(field);
            if (v != null && !v.isTextual()) {
                error(op + "/" + field, field + " must be a string");
            }
        }

        private void nonEmptyText(JsonNode o, String op, String field, boolean trimmed) {
            JsonNode v = o.get(field);
            if (v != null
                    && (!v.isTextual()
                            || (trimmed ? v.asText().isBlank() : v.asText().isEmpty()))) {
                error(op + "/" + field, field + " must be a non-empty string");
            }
        }

        private static String tooLong(String s) {
            return s.length() > BackstageRules.MAX_NAME ? ", it has " + s.length() + " characters" : "";
        }

        private void error(String pointer, String reason) {
            out.add(Problem.error(file, pointer, reason));
        }
    }
}
