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

    private record Ranked(int rank, CatalogDocument doc) {}

    public static Assembly assemble(
            List<RegistryContents> registries, List<KServeDeployment> deployments, MappingSettings settings) {
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
        for (int i = 0; i < regs.size(); i++) {
            KfmrMapper.Result<KServeDeployment> r = DeploymentJoin.map(regs.get(i), deps, settings);
            int rank = i;
            r.documents().forEach(d -> ranked.add(new Ranked(rank, d)));
            problems.addAll(r.problems());
            claimed.addAll(r.claimed());
            unserved.addAll(r.unserved());
        }
        List<String> registryIds =
                regs.stream().map(RegistryContents::registryId).toList();
        List<KServeDeployment> kserveOnly = deps.stream()
                .filter(d -> !claimed.contains(d) && !KServeMapper.isManagedBy(d, registryIds))
                .toList();
        KServeMapper.Result k = KServeMapper.map(kserveOnly, settings);
        k.documents().forEach(d -> ranked.add(new Ranked(regs.size(), d)));
        problems.addAll(k.problems());

        List<Ranked> keyed = resolveKeys(ranked, problems);
        List<CatalogDocument> named = resolveNames(keyed, problems);
        List<CatalogDocument> out = named.stream()
                .sorted(Comparator.comparing((CatalogDocument d) -> d.key().storageKey()))
                .toList();
        return new Assembly(out, problems, unserved);
    }

    private static List<Ranked> resolveKeys(List<Ranked> docs, List<String> problems) {
        Set<String> used = new HashSet<>();
        List<Ranked> out = new ArrayList<>();
        for (Ranked r : docs) {
            DocumentKey key = r.doc().key();
            if (used.contains(key.storageKey())) {
                String qualifier = r.doc().sourceId();
                DocumentKey q = key.qualified(qualifier);
                for (int n = 2; used.contains(q.storageKey()); n++) {
                    q = key.qualified(qualifier + "-" + n);
                }
                problems.add("key collision: " + key.storageKey() + " from "
                        + r.doc().sourceId() + " is already used by an earlier source; stored as " + q.storageKey());
                key = q;
            }
            if (key.storageKey().length() > DocumentGrammar.MAX_KEY_LENGTH) {
                // Storage refuses such a key; leaving the document out says so once instead of at every upsert.
                problems.add("key of " + LogSafe.text(key.storageKey()) + " from "
                        + r.doc().sourceId()
                        + " is longer than " + DocumentGrammar.MAX_KEY_LENGTH
                        + " characters (names too long): document left out");
                continue;
            }
            used.add(key.storageKey());
            CatalogDocument d = r.doc();
            out.add(new Ranked(
                    r.rank(),
                    new CatalogDocument(key, d.sourceId(), d.kind(), d.lastUpdated(), d.catalog(), d.modelCard())));
        }
        return out;
    }

    /**
     * Backstage compares entity names case-insensitively, so two documents whose model (or server) names differ
     * only in case collide as well.
     */
    private static List<CatalogDocument> resolveNames(List<Ranked> docs, List<String> problems) {
        List<Ranked> ordered = docs.stream()
                .sorted(Comparator.comparingInt(Ranked::rank)
                        .thenComparing(r -> r.doc().key().storageKey()))
                .toList();
        Set<String> modelNames = new HashSet<>();
        Set<String> serverNames = new HashSet<>();
        List<CatalogDocument> out = new ArrayList<>();
        for (Ranked r : ordered) {
            CatalogDocument d = r.doc();
            String storageKey = d.key().storageKey();
            List<Model> models = new ArrayList<>();
            for (Model m : d.catalog().models()) {
                String name = unique(m.name(), storageKey, modelNames);
                if (!name.equals(m.name())) {
                    problems.add(
                            "model name collision: " + m.name() + " (document " + storageKey + ") renamed to " + name);
                    m = m.withName(name);
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
                }
            }
            out.add(new CatalogDocument(
                    d.key(), d.sourceId(), d.kind(), d.lastUpdated(), new ModelCatalog(server, models), d.modelCard()));
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
