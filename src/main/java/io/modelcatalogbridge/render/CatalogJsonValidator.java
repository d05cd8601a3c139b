package io.modelcatalogbridge.render;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.ValidationMessage;
import io.modelcatalogbridge.model.ModelServers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a model-catalog JSON file: well-formed JSON, the catalog schema, and the rules a Backstage catalog module
 * needs beyond the schema (entity names, tags, annotation keys, a non-empty API URL, no {@code null}).
 */
final class CatalogJsonValidator {

    /** The reference schema's second {@code anyOf} branch misspells {@code modelServer}; it can never add a match. */
    private static final String SCHEMA_TYPO = "modelSever";

    private static final String NULL_REASON = "JSON null is not allowed, omit the field instead "
            + "(RHDH's catalog module 0.2-0.9 aborts its whole run on a null)";

    // Duplicate keys are an error here: JSON parsers disagree on which value wins.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private CatalogJsonValidator() {}

    static List<Problem> validate(String file, byte[] content) {
        JsonNode root;
        try {
            root = MAPPER.readTree(content);
        } catch (JsonProcessingException e) {
            return List.of(Problem.error(
                    file, "", "malformed JSON" + at(e.getLocation()) + ": " + oneLine(e.getOriginalMessage())));
        } catch (IOException e) {
            return List.of(Problem.error(file, "", "cannot read JSON: " + oneLine(e.getMessage())));
        }
        if (root == null || root.isMissingNode()) {
            return List.of(Problem.error(file, "", "empty file, expected a model-catalog JSON object"));
        }
        Set<String> nulls = new TreeSet<>();
        findNulls(root, "", nulls);
        List<Problem> problems = new ArrayList<>();
        nulls.forEach(p -> problems.add(Problem.error(file, p, NULL_REASON)));
        for (ValidationMessage m : CatalogSchema.validate(root)) {
            String pointer = m.getInstanceLocation().toString();
            if (!nulls.contains(pointer) && !SCHEMA_TYPO.equals(m.getProperty())) {
                problems.add(schemaProblem(file, pointer, m));
            }
        }
        new Rules(file, problems).document(root);
        return problems.stream().distinct().sorted(Problem.ORDER).toList();
    }

    private static Problem schemaProblem(String file, String pointer, ValidationMessage m) {
        String type = m.getType();
        if ("required".equals(type)) {
            return Problem.error(file, pointer, "required property '" + m.getProperty() + "' is missing");
        }
        if ("additionalProperties".equals(type)) {
            return Problem.error(
                    file,
                    Pointers.child(pointer, m.getProperty()),
                    "property '" + m.getProperty() + "' is not allowed by the model-catalog schema");
        }
        return Problem.error(file, pointer, m.getError());
    }

    private static void findNulls(JsonNode node, String pointer, Set<String> out) {
        if (node.isNull()) {
            out.add(pointer);
        } else if (node.isObject()) {
            node.properties().forEach(e -> findNulls(e.getValue(), Pointers.child(pointer, e.getKey()), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findNulls(node.get(i), Pointers.child(pointer, i), out);
            }
        }
    }

    static String at(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 1
                ? ""
                : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /** Bridge rules; each check runs only where the schema's shape holds, the schema reports the rest. */
    private record Rules(String file, List<Problem> out) {

        void document(JsonNode root) {
            if (!root.isObject()) {
                return;
            }
            JsonNode server = root.get("modelServer");
            if (server != null && server.isObject()) {
                server(server, "/modelServer");
            }
            JsonNode models = root.get("models");
            if (models != null && models.isArray()) {
                Map<String, String> seen = new HashMap<>();
                for (int i = 0; i < models.size(); i++) {
                    if (models.get(i).isObject()) {
                        model(models.get(i), Pointers.child("/models", i), seen);
                    }
                }
            }
        }

        private void server(JsonNode s, String p) {
            name(s, p, "model server", "Component and API");
            notBlank(s, p, "owner", "the entity owner");
            notBlank(s, p, "lifecycle", "the entity lifecycle");
            tags(s, p);
            annotationKeys(s, p, "Component");
            JsonNode api = s.get("API");
            if (api != null && api.isObject()) {
                String ap = p + "/API";
                JsonNode url = api.get("url");
                if (url != null && url.isTextual() && url.asText().isBlank()) {
                    out.add(Problem.error(
                            file,
                            ap + "/url",
                            "API url must not be empty: RHDH's catalog module "
                                    + "fails entity validation on it, leave the model server out instead"));
                }
                tags(api, ap);
                annotationKeys(api, ap, "Component");
            }
            mergedAnnotationCase(s, p);
        }

        /**
         * RHDH's module merges {@code API.annotations} and {@code modelServer.annotations} into one entity's
         * annotations; keys that differ only in case make Backstage refuse that entity when it stitches it.
         */
        private void mergedAnnotationCase(JsonNode s, String p) {
            Map<String, String> seen = new HashMap<>();
            for (String where : List.of("/API/annotations", "/annotations")) {
                JsonNode ann = s.at(where);
                if (!ann.isObject()) {
                    continue;
                }
                ann.fieldNames().forEachRemaining(k -> {
                    if (ModelServers.RHDH_OVERRIDE_ANNOTATIONS.contains(k)) {
                        return;
                    }
                    String earlier = seen.putIfAbsent(SearchKeys.lower(k), k);
                    if (earlier != null && !earlier.equals(k)) {
                        out.add(Problem.error(
                                file,
                                Pointers.child(p + where, k),
                                "annotation key '" + k + "' differs only in case from '" + earlier
                                        + "': both land on the model server's entity, which Backstage then refuses "
                                        + "(duplicate keys that vary only in casing)"));
                    }
                });
            }
        }

        private void model(JsonNode m, String p, Map<String, String> seen) {
            name(m, p, "model", "Resource");
            JsonNode name = m.get("name");
            if (name != null && name.isTextual()) {
                // Backstage compares entity names case-insensitively, so these would be one Resource.
                String earlier = seen.putIfAbsent(name.asText().toLowerCase(Locale.ROOT), p);
                if (earlier != null) {
                    out.add(Problem.error(
                            file,
                            p + "/name",
                            "duplicate model name '" + name.asText() + "' (also at " + earlier
                                    + "/name): Backstage entity names must be unique"));
                }
            }
            notBlank(m, p, "owner", "the entity owner");
            tags(m, p);
            annotationKeys(m, p, "Resource");
        }

        private void name(JsonNode o, String p, String what, String entities) {
            JsonNode name = o.get("name");
            if (name != null && name.isTextual() && !BackstageRules.isValidEntityName(name.asText())) {
                out.add(Problem.error(
                        file,
                        p + "/name",
                        what + " name '" + name.asText()
                                + "' is not a valid Backstage entity name (" + BackstageRules.NAME_RULE
                                + "); Backstage rejects the " + entities + " made from it"));
            }
        }

        private void notBlank(JsonNode o, String p, String field, String role) {
            JsonNode v = o.get(field);
            if (v != null && v.isTextual() && v.asText().isBlank()) {
                out.add(Problem.error(file, p + "/" + field, field + " must not be empty: it becomes " + role));
            }
        }

        private void tags(JsonNode o, String p) {
            JsonNode tags = o.get("tags");
            if (tags == null || !tags.isArray()) {
                return;
            }
            for (int i = 0; i < tags.size(); i++) {
                JsonNode t = tags.get(i);
                if (t.isTextual() && !BackstageRules.isValidTag(t.asText())) {
                    out.add(Problem.warning(
                            file,
                            Pointers.child(p + "/tags", i),
                            "tag '" + t.asText()
                                    + "' is not a valid Backstage tag (" + BackstageRules.TAG_RULE
                                    + "); RHDH's catalog module drops it"));
                }
            }
        }

        private void annotationKeys(JsonNode o, String p, String entity) {
            JsonNode ann = o.get("annotations");
            if (ann == null || !ann.isObject()) {
                return;
            }
            ann.fieldNames().forEachRemaining(k -> {
                if (!BackstageRules.isValidAnnotationKey(k)) {
                    out.add(Problem.error(
                            file,
                            Pointers.child(p + "/annotations", k),
                            "annotation key '" + k
                                    + "' is not a valid Backstage annotation key (" + BackstageRules.ANNOTATION_KEY_RULE
                                    + "); it is copied to the " + entity + ", which Backstage then rejects"));
                }
            });
        }
    }
}
