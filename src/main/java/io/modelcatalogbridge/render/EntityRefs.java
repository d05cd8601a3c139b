package io.modelcatalogbridge.render;

import java.util.List;
import java.util.Map;

/**
 * Entity references as Backstage's catalog reads them ({@code parseEntityRef} in {@code @backstage/catalog-model}
 * and the relation fields of {@code BuiltinKindsEntityProcessor} in {@code @backstage/plugin-catalog-backend}): a
 * reference that does not parse makes the processor fail and Backstage refuses the entity.
 */
final class EntityRefs {

    /** A parsed reference, compared case-insensitively as Backstage does. */
    record Ref(String kind, String namespace, String name) {
        /** {@code kind:namespace/name}, lower-cased ({@code stringifyEntityRef}). */
        String canonical() {
            return SearchKeys.lower(kind + ":" + namespace + "/" + name);
        }
    }

    /** A spec field that holds references, and the kind a reference without {@code kind:} gets ({@code null}: none). */
    record Field(String name, String defaultKind) {}

    static final String DEFAULT_NAMESPACE = "default";

    /** The relation fields each built-in kind's processor reads, in its order. */
    static final Map<String, List<Field>> FIELDS = Map.of(
            "Component",
            List.of(
                    new Field("owner", "Group"),
                    new Field("subcomponentOf", "Component"),
                    new Field("providesApis", "API"),
                    new Field("consumesApis", "API"),
                    new Field("dependsOn", null),
                    new Field("dependencyOf", null),
                    new Field("system", "System")),
            "API",
            List.of(new Field("owner", "Group"), new Field("system", "System")),
            "Resource",
            List.of(
                    new Field("owner", "Group"),
                    new Field("dependsOn", null),
                    new Field("dependencyOf", null),
                    new Field("system", "System")),
            "User",
            List.of(new Field("memberOf", "Group")),
            "Group",
            List.of(new Field("parent", "Group"), new Field("children", "Group"), new Field("members", "User")),
            "System",
            List.of(new Field("owner", "Group"), new Field("domain", "Domain")),
            "Domain",
            List.of(new Field("owner", "Group"), new Field("subdomainOf", "Domain")));

    private EntityRefs() {}

    /**
     * Parses {@code [<kind>:][<namespace>/]<name>} exactly as Backstage does.
     *
     * @throws IllegalArgumentException with Backstage's reason when it would refuse the reference
     */
    static Ref parse(String ref, String defaultKind, String defaultNamespace) {
        if (ref == null || ref.isEmpty()) {
            throw new IllegalArgumentException("Entity reference must not be empty");
        }
        int colon = ref.indexOf(':');
        int slash = ref.indexOf('/');
        if (slash != -1 && slash < colon) {
            colon = -1;
        }
        String kind = colon == -1 ? null : ref.substring(0, colon);
        String namespace = slash == -1 ? null : ref.substring(colon + 1, slash);
        String name = ref.substring(Math.max(colon + 1, slash + 1));
        if ("".equals(kind) || "".equals(namespace) || name.isEmpty()) {
            throw new IllegalArgumentException(
                    "Entity reference \"" + ref + "\" was not on the form [<kind>:][<namespace>/]<name>");
        }
        kind = kind == null ? defaultKind : kind;
        namespace = namespace == null ? defaultNamespace : namespace;
        if (kind == null || kind.isEmpty()) {
            throw new IllegalArgumentException("Entity reference \"" + ref
                    + "\" had missing or empty kind (e.g. did not start with \"component:\" or similar)");
        }
        return new Ref(kind, namespace, name);
    }
}
