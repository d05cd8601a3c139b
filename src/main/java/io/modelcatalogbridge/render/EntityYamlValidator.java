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

/**
 * Checks a {@code catalog-info.yaml}: every YAML document must be an entity Backstage accepts — the envelope
 * ({@code apiVersion}, {@code kind}, {@code metadata}) and the {@code spec} fields Backstage's built-in
 * Component, API and Resource schemas require. Pointers start with the document index ({@code /1/metadata/name}).
 */
final class EntityYamlValidator {

    /** spec fields Backstage's kind schemas require, as non-empty strings. */
    private static final Map<String, List<String>> REQUIRED_SPEC = Map.of(
            "Component", List.of("type", "lifecycle", "owner"),
            "API", List.of("type", "lifecycle", "owner", "definition"),
            "Resource", List.of("type", "owner"));

    // Backstage's YAML reader refuses duplicate keys too.
    private static final ObjectReader READER = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build()
            .readerFor(JsonNode.class);

    private EntityYamlValidator() {}

    static List<Problem> validate(String file, byte[] content) {
        List<Problem> problems = new ArrayList<>();
        int index = 0;
        try (MappingIterator<JsonNode> docs = READER.readValues(content)) {
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                // An empty document (a stray '---') is skipped by Backstage's reader as well.
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    new Entity(file, "/" + index, problems).check(doc);
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

    private record Entity(String file, String p, List<Problem> out) {

        void check(JsonNode e) {
            if (!e.isObject()) {
                error(
                        p,
                        "a Backstage entity must be a mapping, found "
                                + e.getNodeType().name().toLowerCase(Locale.ROOT));
                return;
            }
            String apiVersion = requiredText(e, p, "apiVersion");
            if (apiVersion != null && !BackstageRules.isValidApiVersion(apiVersion)) {
                error(
                        p + "/apiVersion",
                        "apiVersion '" + apiVersion + "' is not valid (expected group/version, " + "e.g. "
                                + CatalogInfoYamlFormat.API_VERSION + ")");
            }
            String kind = requiredText(e, p, "kind");
            if (kind != null && !BackstageRules.isValidKind(kind)) {
                error(p + "/kind", "kind '" + kind + "' is not valid (a letter, then letters and digits)");
            }
            JsonNode metadata = e.get("metadata");
            if (metadata == null || !metadata.isObject()) {
                error(
                        metadata == null ? p : p + "/metadata",
                        metadata == null ? "required property 'metadata' is missing" : "metadata must be a mapping");
            } else {
                metadata(metadata, p + "/metadata");
            }
            List<String> required = kind == null ? null : REQUIRED_SPEC.get(kind);
            if (required != null) {
                spec(e.get("spec"), kind, required);
            }
        }

        private void metadata(JsonNode md, String mp) {
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
            annotations(md.get("annotations"), mp + "/annotations");
            links(md.get("links"), mp + "/links");
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

        private void annotations(JsonNode ann, String ap) {
            if (ann == null) {
                return;
            }
            if (!ann.isObject()) {
                error(ap, "annotations must be a mapping");
                return;
            }
            ann.properties().forEach(en -> {
                String kp = Pointers.child(ap, en.getKey());
                if (!BackstageRules.isValidAnnotationKey(en.getKey())) {
                    error(
                            kp,
                            "annotation key '" + en.getKey() + "' is not valid (" + BackstageRules.ANNOTATION_KEY_RULE
                                    + ")");
                }
                if (!en.getValue().isTextual()) {
                    error(kp, "annotation value must be a string");
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
                }
                for (String f : List.of("title", "icon", "type")) {
                    optionalText(l, ip, f);
                }
            }
        }

        private void spec(JsonNode spec, String kind, List<String> required) {
            if (spec == null || !spec.isObject()) {
                error(
                        spec == null ? p : p + "/spec",
                        spec == null
                                ? "required property 'spec' is missing (" + kind + " needs "
                                        + String.join(", ", required) + ")"
                                : "spec must be a mapping");
                return;
            }
            for (String field : required) {
                String v = requiredText(spec, p + "/spec", field);
                if (v != null && v.isBlank()) {
                    error(p + "/spec/" + field, "spec." + field + " must not be empty for a " + kind);
                }
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

        private static String tooLong(String s) {
            return s.length() > BackstageRules.MAX_NAME ? ", it has " + s.length() + " characters" : "";
        }

        private void error(String pointer, String reason) {
            out.add(Problem.error(file, pointer, reason));
        }
    }
}
