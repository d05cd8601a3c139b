package io.modelcatalogbridge.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The search keys Backstage's catalog builds for every entity when it stitches it ({@code buildEntitySearch} in
 * {@code @backstage/plugin-catalog-backend} 3.9.1): every leaf becomes a dotted path ({@code
 * metadata.annotations.techdocs}), every string in a list adds {@code <path>.<value>}, and {@code relations}, {@code
 * status}, {@code attachments} and the name/namespace/uid/etag fields are left out. Backstage refuses an entity
 * whose keys differ only in case ({@code InputError: Entity has duplicate keys that vary only in casing}): the entity
 * never reaches the catalog and everything pointing at it dangles. Schema validation does not see this, so the
 * check runs on its own.
 */
final class SearchKeys {

    private static final Set<String> SPECIAL = Set.of(
            "attachments",
            "relations",
            "status",
            "metadata.name",
            "metadata.namespace",
            "metadata.uid",
            "metadata.etag");

    private SearchKeys() {}

    /**
     * The keys that occur in more than one spelling, lower-cased as Backstage reports them, in entity order; empty
     * when Backstage accepts the entity's keys.
     */
    static List<String> caseDuplicates(JsonNode entity) {
        Set<String> keys = new LinkedHashSet<>();
        visit("", entity, keys, new HashSet<>());
        keys.add("metadata.name");
        keys.add("metadata.namespace");
        keys.add("metadata.uid");
        JsonNode relations = entity.path("relations");
        if (relations.isArray()) {
            relations.forEach(r -> keys.add("relations." + r.path("type").asText()));
        }
        Set<String> lower = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (String key : keys) {
            String l = lower(key);
            if (!lower.add(l) && !duplicates.contains(l)) {
                duplicates.add(l);
            }
        }
        return duplicates;
    }

    private static void visit(String path, JsonNode current, Set<String> keys, Set<String> seenListKeys) {
        if (SPECIAL.contains(path)) {
            return;
        }
        if (current == null || current.isNull() || current.isValueNode()) {
            keys.add(path);
            return;
        }
        if (current.isArray()) {
            for (JsonNode item : current) {
                visit(path, item, keys, seenListKeys);
                if (item.isTextual()) {
                    String listKey = path + "." + item.asText();
                    // Backstage adds list entries once per spelling-insensitive value, so tags never collide.
                    if (seenListKeys.add(lower(listKey))) {
                        keys.add(listKey);
                    }
                }
            }
            return;
        }
        current.properties()
                .forEach(e ->
                        visit(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), keys, seenListKeys));
    }

    /** JavaScript's {@code toLocaleLowerCase("en-US")}. */
    static String lower(String s) {
        return s.toLowerCase(Locale.US);
    }
}
