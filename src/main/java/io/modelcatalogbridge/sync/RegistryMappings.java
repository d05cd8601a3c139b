package io.modelcatalogbridge.sync;

import io.modelcatalogbridge.model.MappingSettings;
import io.modelcatalogbridge.source.kfmr.InferenceService;
import io.modelcatalogbridge.source.kfmr.KfmrMapper;
import io.modelcatalogbridge.source.kfmr.ModelVersion;
import io.modelcatalogbridge.source.kfmr.RegisteredModel;
import io.modelcatalogbridge.source.kfmr.RegistryContents;
import io.modelcatalogbridge.source.kfmr.ServingEnvironment;
import io.modelcatalogbridge.source.kfmr.VersionMemo;
import io.modelcatalogbridge.source.kserve.KServeDeployment;
import io.modelcatalogbridge.source.kserve.KServeMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The last mapping of each registry, so that a sync maps again only the registries whose inputs changed. The registry
 * mapper is pure: its result depends on the contents, the settings and what the deployment matcher answered. So each
 * mapping records the matcher's questions and answers, and is reused when
 * <ul>
 *   <li>the contents are the objects it was made from (a delta reads no registry), or equal to them in full (a full
 *       sync re-read an unchanged registry) and that mapping reported no problem — a problem may depend on the clock
 *       (a time too far in the future becomes valid later), so such a registry is always mapped again; and</li>
 *   <li>the same questions asked of the current deployments get the same answers — a few index look-ups instead of
 *       mapping 10,000 versions again. A KServe-only deployment (asked about by no registry) re-maps no registry.</li>
 * </ul>
 * A registry whose contents changed is mapped again, but each version's document is reused when its own inputs are
 * the objects it was made from ({@link VersionMemo}): a new version in a registry of 10,000 maps one version. The
 * last assembly is kept too: when every registry kept its mapping and KServe maps to the same documents, the
 * assembler hands back the last one. Nothing is taken from memory unchecked: the whole input is compared, and every
 * document is still compared with what storage holds. Not thread-safe: used on the engine's single sync thread.
 */
final class RegistryMappings {

    /** One question of the registry mapper to the matcher, and the deployment it got (empty: none). */
    private record Question(
            InferenceService service,
            ServingEnvironment environment,
            RegisteredModel model,
            ModelVersion version,
            Optional<KServeDeployment> answer) {}

    private record Kept(
            RegistryContents contents,
            MappingSettings settings,
            List<Question> questions,
            KfmrMapper.Result<KServeDeployment> result,
            VersionMemo versions) {}

    /** An assembly and what it was made from: the registry mappings (by reference) and the KServe-only mapping. */
    private record LastAssembly(
            List<KfmrMapper.Result<KServeDeployment>> registries,
            KServeMapper.Result kserve,
            CatalogAssembler.Assembly assembly) {}

    private final Map<String, Kept> byRegistry = new HashMap<>();
    private LastAssembly lastAssembly;
    private int mapped;
    private int reused;

    /**
     * The mapping of one registry with the deployments of {@code join}: the kept one when nothing it depends on
     * changed, else mapped now (and kept).
     */
    KfmrMapper.Result<KServeDeployment> map(RegistryContents contents, DeploymentJoin join, MappingSettings settings) {
        String registryId = contents.registryId();
        Kept kept = byRegistry.get(registryId);
        if (kept != null && kept.settings() == settings && sameContents(kept, contents)) {
            boolean same = kept.questions().stream()
                    .allMatch(q -> answer(join, registryId, q.service(), q.environment(), q.model(), q.version())
                            .equals(q.answer()));
            if (same) {
                reused++;
                if (kept.contents() != contents) {
                    // Deltas find the contents just read (the registry's last known) by reference.
                    byRegistry.put(
                            registryId, new Kept(contents, settings, kept.questions(), kept.result(), kept.versions()));
                }
                return kept.result();
            }
        }
        List<Question> questions = new ArrayList<>();
        // Something changed: only the versions whose inputs changed are mapped again.
        VersionMemo versions = kept != null ? kept.versions() : new VersionMemo();
        KfmrMapper.Result<DeploymentJoin.Match> r = KfmrMapper.map(
                contents,
                (id, is, env, rm, mv) -> {
                    Optional<DeploymentJoin.Match> hit = join.match(id, is, env, rm, mv);
                    questions.add(new Question(is, env, rm, mv, hit.map(DeploymentJoin.Match::deployment)));
                    return hit;
                },
                settings,
                versions);
        KfmrMapper.Result<KServeDeployment> result = new KfmrMapper.Result<>(
                r.documents(),
                r.problems(),
                r.claimed().stream().map(DeploymentJoin.Match::deployment).toList(),
                r.unserved());
        byRegistry.put(registryId, new Kept(contents, settings, List.copyOf(questions), result, versions));
        mapped++;
        return result;
    }

    private static boolean sameContents(Kept kept, RegistryContents contents) {
        return kept.contents() == contents
                || (kept.result().problems().isEmpty() && kept.contents().equals(contents));
    }

    private static Optional<KServeDeployment> answer(
            DeploymentJoin join,
            String registryId,
            InferenceService is,
            ServingEnvironment env,
            RegisteredModel rm,
            ModelVersion mv) {
        return join.match(registryId, is, env, rm, mv).map(DeploymentJoin.Match::deployment);
    }

    /**
     * The last assembly, when it was made from these very registry mappings (the same objects, in the same order: each
     * was reused, see {@link #map}) and KServe-only documents equal to these; else {@code null}. Resolving key and
     * name collisions and sorting are pure, so the result would be the same documents.
     */
    CatalogAssembler.Assembly sameAssembly(
            List<KfmrMapper.Result<KServeDeployment>> registries, KServeMapper.Result kserve) {
        LastAssembly last = lastAssembly;
        if (last == null
                || last.registries().size() != registries.size()
                || !last.kserve().equals(kserve)) {
            return null;
        }
        for (int i = 0; i < registries.size(); i++) {
            if (last.registries().get(i) != registries.get(i)) {
                return null;
            }
        }
        return last.assembly();
    }

    /** Keeps an assembly for {@link #sameAssembly}. */
    void keepAssembly(
            List<KfmrMapper.Result<KServeDeployment>> registries,
            KServeMapper.Result kserve,
            CatalogAssembler.Assembly assembly) {
        lastAssembly = new LastAssembly(List.copyOf(registries), kserve, assembly);
    }

    /** Forgets the registries that are gone. */
    void retain(Set<String> registryIds) {
        byRegistry.keySet().retainAll(registryIds);
    }

    /** Registries mapped (not reused) so far; for tests. */
    int mapped() {
        return mapped;
    }

    /** Registry mappings reused so far; for tests. */
    int reused() {
        return reused;
    }
}
