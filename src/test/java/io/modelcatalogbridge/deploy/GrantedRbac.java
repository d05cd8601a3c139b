package io.modelcatalogbridge.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What a rendered variant grants one ServiceAccount, through every RoleBinding and ClusterRoleBinding naming it. */
final class GrantedRbac {

    private GrantedRbac() {}

    /** {@code scope core/configmaps -> verbs}, in the form of {@link RbacTable#expected()}. */
    static Map<String, Set<String>> of(Rendered r, String account, String accountNamespace) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (JsonNode b : r.all("RoleBinding")) {
            if (names(b, account, accountNamespace)) {
                String ns = Rendered.namespace(b);
                JsonNode role = role(r, "Role", b.path("roleRef"), ns);
                if (!ns.equals(Rendered.namespace(role))) {
                    fail(r.dir() + ": RoleBinding " + Rendered.name(b) + " and its Role are in different namespaces");
                }
                if (!ns.equals(accountNamespace)) {
                    fail(r.dir() + ": RoleBinding " + Rendered.name(b) + " grants in " + ns
                            + ", outside the bridge namespace " + accountNamespace);
                }
                add(out, RbacTable.Scope.NAMESPACE, role);
            }
        }
        for (JsonNode b : r.all("ClusterRoleBinding")) {
            if (names(b, account, accountNamespace)) {
                add(out, RbacTable.Scope.CLUSTER, role(r, "ClusterRole", b.path("roleRef"), ""));
            }
        }
        return out;
    }

    private static boolean names(JsonNode binding, String account, String ns) {
        for (JsonNode s : binding.path("subjects")) {
            if ("ServiceAccount".equals(s.path("kind").asText())
                    && account.equals(s.path("name").asText())
                    && ns.equals(s.path("namespace").asText(ns))) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode role(Rendered r, String kind, JsonNode ref, String ns) {
        if (!kind.equals(ref.path("kind").asText())) {
            fail(r.dir() + ": a binding refers to a " + ref.path("kind").asText() + ", expected " + kind);
        }
        return r.all(kind).stream()
                .filter(o -> Rendered.name(o).equals(ref.path("name").asText())
                        && Rendered.namespace(o).equals(ns))
                .findFirst()
                .orElseThrow(() -> new AssertionError(r.dir() + ": " + kind + " "
                        + ref.path("name").asText() + " is bound but not part of the manifests"));
    }

    private static void add(Map<String, Set<String>> out, RbacTable.Scope scope, JsonNode role) {
        for (JsonNode rule : role.path("rules")) {
            if (rule.has("resourceNames") || rule.has("nonResourceURLs")) {
                fail("rule of " + Rendered.name(role) + " uses resourceNames/nonResourceURLs, not expected: " + rule);
            }
            for (JsonNode group : rule.path("apiGroups")) {
                for (JsonNode resource : rule.path("resources")) {
                    String key = scope + " " + (group.asText().isEmpty() ? "core" : group.asText()) + "/"
                            + resource.asText();
                    Set<String> verbs = out.computeIfAbsent(key, k -> new TreeSet<>());
                    rule.path("verbs").forEach(v -> verbs.add(v.asText()));
                }
            }
        }
    }
}
