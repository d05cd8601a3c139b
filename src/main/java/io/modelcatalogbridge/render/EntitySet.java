package io.modelcatalogbridge.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entities of every YAML file validated together, for the checks that span documents and files: an entity
 * defined twice (Backstage keeps one and reports a conflict for the other location), and relations among
 * Components, APIs and Resources that point at no validated entity (they dangle in Backstage unless the target is
 * defined elsewhere, so they are warnings).
 */
final class EntitySet {

    /** Relation fields that tie the bridge's own entities together. */
    private static final Set<String> LINK_FIELDS =
            Set.of("dependsOn", "dependencyOf", "providesApis", "consumesApis", "subcomponentOf");

    private static final Set<String> LINKED_KINDS = Set.of("component", "api", "resource");

    private record Where(String file, String pointer) {}

    private record Link(String file, String pointer, String field, String ref, String target) {}

    private final Map<String, Where> declared = new HashMap<>();
    private final List<Link> links = new ArrayList<>();

    /** Records an entity; a second definition of the same reference (ignoring case) is an error at its name. */
    void declare(EntityRefs.Ref ref, String file, String entityPointer, List<Problem> out) {
        Where earlier = declared.putIfAbsent(ref.canonical(), new Where(file, entityPointer));
        if (earlier != null) {
            String at = earlier.file().equals(file) ? earlier.pointer() : earlier.file() + " " + earlier.pointer();
            out.add(Problem.error(
                    file,
                    entityPointer + "/metadata/name",
                    "entity " + ref.canonical() + " is defined twice (also at " + at
                            + "): Backstage keeps one and refuses the other with a conflict error"));
        }
    }

    /** Records a relation read from {@code spec.<field>} of the entity at {@code pointer}. */
    void relation(String file, String pointer, String field, String raw, EntityRefs.Ref target) {
        if (LINK_FIELDS.contains(field) && LINKED_KINDS.contains(SearchKeys.lower(target.kind()))) {
            links.add(new Link(file, pointer, field, raw, target.canonical()));
        }
    }

    /** Warnings for relations whose target none of the validated files defines. */
    List<Problem> dangling() {
        List<Problem> out = new ArrayList<>();
        for (Link l : links) {
            if (!declared.containsKey(l.target())) {
                out.add(Problem.warning(
                        l.file(),
                        l.pointer(),
                        "spec." + l.field() + " '" + l.ref() + "' names no entity in the validated files (" + l.target()
                                + "): the relation dangles in Backstage unless it is defined elsewhere"));
            }
        }
        out.sort(Problem.ORDER);
        return out;
    }
}
