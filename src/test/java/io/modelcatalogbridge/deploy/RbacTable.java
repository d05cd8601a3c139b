package io.modelcatalogbridge.deploy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The RBAC the bridge needs, one row per resource, each next to the code that needs it. Both variants must grant
 * exactly this (no more, no less: {@link DeployManifestsTest}), it must match the fabric8 calls in the main sources
 * ({@link RbacMatchesCodeTest}), and docs/deploy.md "RBAC" lists the same rows for users.
 */
final class RbacTable {

    /** Where a grant applies: the bridge's own namespace (Role) or every namespace (ClusterRole). */
    enum Scope {
        NAMESPACE,
        CLUSTER
    }

    record Row(Scope scope, String group, String resource, Set<String> verbs) {
        String key() {
            return (group.isEmpty() ? "core" : group) + "/" + resource;
        }
    }

    static final List<Row> ROWS = List.of(
            // store/configmap/ShardClient: listShards() list by label; read()/readRaw() get; write() create or
            // update at the shard's resourceVersion; annotate() = fabric8 edit() = get + patch (marks the Go
            // bridge's bac-import-model imported). Only the bridge's own namespace.
            new Row(Scope.NAMESPACE, "", "configmaps", Set.of("get", "list", "create", "update", "patch")),
            // source/RegistryDiscovery: labelled Routes in all namespaces (list), MR_ROUTE "name" by field selector
            // in all namespaces (list), MR_ROUTE "namespace:name" (get); backstage/BackstageUrlResolver: Routes
            // of the bridge namespace when BKSTG_URL is empty (list).
            new Row(Scope.CLUSTER, "route.openshift.io", "routes", Set.of("get", "list")),
            // source/kserve/KindWatch: inform() in all namespaces (or each NAMESPACE) = list + watch.
            new Row(Scope.CLUSTER, "serving.kserve.io", "inferenceservices", Set.of("get", "list", "watch")),
            new Row(Scope.CLUSTER, "serving.kserve.io", "llminferenceservices", Set.of("get", "list", "watch")),
            // source/kserve/KServeWatcher.related(): <isvc>-predictor Service and <isvc>-sa ServiceAccount by name,
            // in the InferenceService's namespace.
            new Row(Scope.CLUSTER, "", "services", Set.of("get")),
            new Row(Scope.CLUSTER, "", "serviceaccounts", Set.of("get")),
            // source/kserve/KindWatch.servedVersion(): the KServe CRDs by name (cluster-scoped objects).
            new Row(Scope.CLUSTER, "apiextensions.k8s.io", "customresourcedefinitions", Set.of("get")));

    private RbacTable() {}

    /** {@code scope core/configmaps -> verbs}, sorted, for comparing with what a manifest grants. */
    static Map<String, Set<String>> expected() {
        Map<String, Set<String>> out = new TreeMap<>();
        ROWS.forEach(r -> out.put(r.scope() + " " + r.key(), new TreeSet<>(r.verbs())));
        return out;
    }

    /** {@code core/configmaps -> verbs} regardless of scope, for comparing with the code. */
    static Map<String, Set<String>> verbsByResource() {
        Map<String, Set<String>> out = new TreeMap<>();
        ROWS.forEach(r -> out.computeIfAbsent(r.key(), k -> new TreeSet<>()).addAll(r.verbs()));
        return out;
    }
}
