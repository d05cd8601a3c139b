package io.modelcatalogbridge.sync;

import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.model.DocumentKey;
import io.modelcatalogbridge.model.LogSafe;
import io.modelcatalogbridge.model.MappingSettings;
import io.modelcatalogbridge.model.Model;
import io.modelcatalogbridge.model.ModelCatalog;
import io.modelcatalogbridge.model.ModelServer;
import io.modelcatalogbridge.model.Names;
import io.modelcatalogbridge.source.kfmr.KfmrMapper;
import io.modelcatalogbridge.source.kfmr.RegistryContents;
import io.modelcatalogbridge.source.kfmr.UnservedDeployment;
import io.modelcatalogbridge.source.kserve.KServeDeployment;
import io.modelcatalogbridge.source.kserve.KServeMapper;
import io.modelcatalogbridge.storageapi.DocumentGrammar;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns everything one sync read into the full, collision-free set of documents: each registry through the
 * registry mapper (registries in id order), then the KServe deployments no registry accounts for. Pure and
 * deterministic: the same inputs in any order give the same documents, byte for byte.
 *
 * <p>Precedence for collisions is registries by id, then KServe, then storage key: the first document keeps its
 * plain key and names; a later one gets a qualified key ({@code key.qualified(<registry id or kserve>)}) or a
 * hashed name suffix, and each such change is reported as a problem.
 */
public final class CatalogAssembler {
    private CatalogAssembler() {}

    /**
     * The documents (sorted by storage key), the problems met on the way, and the registry deployments that give no
     * model server (registries in id order).
     */
    public record Assembly(List<CatalogDocument> documents, List<String> problems, List<UnservedDeployment> unserved) {
        public Assembly {
            documents = List.copyOf(documents);
            problems = List.copyOf(problems);
            unserved = List.copyOf(unserved);
        }
    }

    /** A document with the rank of its source (registries by id, then KServe) and its storage key, computed once. */
    private record Ranked(int rank, String storageKey, CatalogDocument doc) {}

    public static Assembly assemble(
            List<RegistryContents> registries, List<KServeDeployment> deployments, MappingSettings settings) {
        return assemble(registries, deployments, settings, new RegistryMappings());
    }

    /**
     * As {@link #assemble(List, List, MappingSettings)}, reusing the registry mappings kept in {@code mappings} when a
     * registry's contents and its join with the deployments did not change (see {@link RegistryMappings}), and
     * keeping the mappings made now for the next call. Documents that did not change are the same objects as in the
     * last assembly, so that what comes after can tell them apart from changed ones without comparing them.
     */
    static Assembly assemble(
            List<RegistryContents> registries,
            List<KServeDeployment> deployments,
            MappingSettings settings,
            RegistryMappings mappings) {
        List<RegistryContents> regs = registries.stream()
                .sorted(Comparator.comparing(RegistryContents::registryId))
                .toList();
        List<KServeDeployment> deps = deployments.stream()
                .sorted(Comparator.comparing(KServeDeployment::namespace)
                        .thenComparing(KServeDeployment::name)
                        .thenComparing(KServeDeployment::kind))
                .toList();
        List<Ranked> ranked = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<KServeDeployment> claimed = new HashSet<>();
        List<UnservedDeployment> unserved = new ArrayList<>();
        DeploymentJoin join = new DeploymentJoin(deps);
        List<KfmrMapper.Result<KServeDeployment>> results = new ArrayList<>();
        for (int i = 0; i < regs.size(); i++) {
            KfmrMapper.Result<KServeDeployment> r = mappings.map(regs.get(i), join, settings);
            results.add(r);
            int rank = i;
            r.documents().forEach(d -> ranked.add(new Ranked(rank, d.key().storageKey(), d)));
            problems.addAll(r.problems());
            claimed.addAll(r.claimed());
            unserved.addAll(r.unserved());
        }
        List<String> registryIds =
                regs.stream().map(RegistryContents::registryId).toList();
        mappings.retain(new HashSet<>(registryIds));
        List<KServeDeployment> kserveOnly = deps.stream()
                .filter(d -> !claimed.contains(d) && !KServeMapper.isManagedBy(d, registryIds))
                .toList();
        KServeMapper.Result k = KServeMapper.map(kserveOnly, settings);
        Assembly same = mappings.sameAssembly(results, k);
        if (same != null) {
            // Every registry kept its mapping and KServe maps to the same documents: collisions resolve the same way.
            return same;
        }
        k.documents().forEach(d -> ranked.add(new Ranked(regs.size(), d.key().storageKey(), d)));
        problems.addAll(k.problems());

        List<Ranked> keyed = resolveKeys(ranked, problems);
        List<Ranked> named = resolveNames(keyed, problems);
        // Storage keys are unique once resolved; sorting by the kept key avoids encoding keys at every comparison.
        List<CatalogDocument> out = named.stream()
                .sorted(Comparator.comparing(Ranked::storageKey))
                .map(Ranked::doc)
                .toList();
        Assembly assembly = new Assembly(out, problems, unserved);
        mappings.keepAssembly(results, k, assembly);
        return assembly;
    }

    private static List<Ranked> resolveKeys(List<Ranked> docs, List<String> problems) {
        Set<String> used = new HashSet<>();
        List<Ranked> out = new ArrayList<>();
        for (Ranked r : docs) {
            DocumentKey key = r.doc().key();
            String storageKey = r.storageKey();
            if (used.contains(storageKey)) {
                String qualifier = r.doc().sourceId();
                DocumentKey q = key.qualified(qualifier);
                for (int n = 2; used.contains(q.storageKey()); n++) {
                    q = key.qualified(qualifier + "-" + n);
                }
                problems.add("key collision: " + storageKey + " from " + r.doc().sourceId()
                        + " is already used by an earlier source; stored as " + q.storageKey());
                key = q;
                storageKey = q.storageKey();
            }
            if (storageKey.length() > DocumentGrammar.MAX_KEY_LENGTH) {
                // Storage refuses such a key; leaving the document out says so once instead of at every upsert.
                problems.add("key of " + LogSafe.text(storageKey) + " from "
                        + r.doc().sourceId()
                        + " is longer than " + DocumentGrammar.MAX_KEY_LENGTH
                        + " characters (names too long): document left out");
                continue;
            }
            used.add(storageKey);
            CatalogDocument d = r.doc();
            out.add(
                    key == d.key()
                            ? r
                            : new Ranked(
                                    r.rank(),
                                    storageKey,
                                    new CatalogDocument(
                                            key, d.sourceId(), d.kind(), d.lastUpdated(), d.catalog(), d.modelCard())));
        }
        return out;
    }

    /**
     * Backstage compares entity names case-insensitively, so two documents whose model (or server) names differ
     * only in case collide as well.
     */
    private static List<Ranked> resolveNames(List<Ranked> docs, List<String> problems) {
        List<Ranked> ordered = docs.stream()
                .sorted(Comparator.comparingInt(Ranked::rank).thenComparing(Ranked::storageKey))
                .toList();
        Set<String> modelNames = new HashSet<>();
        Set<String> serverNames = new HashSet<>();
        List<Ranked> out = new ArrayList<>();
        for (Ranked r : ordered) {
            CatalogDocument d = r.doc();
            String storageKey = r.storageKey();
            boolean renamed = false;
            List<Model> models = new ArrayList<>();
            for (Model m : d.catalog().models()) {
                String name = unique(m.name(), storageKey, modelNames);
                if (!name.equals(m.name())) {
                    problems.add(
                            "model name collision: " + m.name() + " (document " + storageKey + ") renamed to " + name);
                    m = m.withName(name);
                    renamed = true;
                }
                models.add(m);
            }
            ModelServer server = d.catalog().modelServer();
            if (server != null) {
                String name = unique(server.name(), storageKey, serverNames);
                if (!name.equals(server.name())) {
                    problems.add("model server name collision: " + server.name() + " (document " + storageKey
                            + ") renamed to " + name);
                    server = server.withName(name);
                    renamed = true;
                }
            }
            // An unchanged document stays the same object (see assemble).
            out.add(
                    renamed
                            ? new Ranked(
                                    r.rank(),
                                    storageKey,
                                    new CatalogDocument(
                                            d.key(),
                                            d.sourceId(),
                                            d.kind(),
                                            d.lastUpdated(),
                                            new ModelCatalog(server, models),
                                            d.modelCard()))
                            : r);
        }
        return out;
    }

    private static String unique(String name, String storageKey, Set<String> used) {
        String candidate = name;
        for (int n = 1; used.contains(candidate.toLowerCase(Locale.ROOT)); n++) {
            candidate = Names.withSuffix(name, n == 1 ? storageKey : storageKey + "#" + n);
        }
        used.add(candidate.toLowerCase(Locale.ROOT));
        return candidate;
    }
}
