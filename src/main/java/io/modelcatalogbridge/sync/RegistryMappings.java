package io.modelcatalogbridge.sync;

import io.modelcatalogbridge.model.MappingSettings;
import io.modelcatalogbridge.source.kfmr.InferenceService;
import io.modelcatalogbridge.source.kfmr.KfmrMapper;
import io.modelcatalogbridge.source.kfmr.ModelVersion;
import io.modelcatalogbridge.source.kfmr.RegisteredModel;
import io.modelcatalogbridge.source.kfmr.RegistryContents;
import io.modelcatalogbridge.source.kfmr.ServingEnvironment;
import io.modelcatalogbridge.source.kserve.KServeDeployment;
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
 * Nothing is taken from memory unchecked: the whole input is compared, and every document is still compared with
 * what storage holds. Not thread-safe: used on the engine's single sync thread.
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
            KfmrMapper.Result<KServeDeployment> result) {}

    private final Map<String, Kept> byRegistry = new HashMap<>();
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
                    byRegistry.put(registryId, new Kept(contents, settings, kept.questions(), kept.result()));
                }
                return kept.result();
            }
        }
        List<Question> questions = new ArrayList<>();
        KfmrMapper.Result<DeploymentJoin.Match> r = KfmrMapper.map(
                contents,
                (id, is, env, rm, mv) -> {
                    Optional<DeploymentJoin.Match> hit = join.match(id, is, env, rm, mv);
                    questions.add(new Question(is, env, rm, mv, hit.map(DeploymentJoin.Match::deployment)));
                    return hit;
                },
                settings);
        KfmrMapper.Result<KServeDeployment> result = new KfmrMapper.Result<>(
                r.documents(),
                r.problems(),
                r.claimed().stream().map(DeploymentJoin.Match::deployment).toList(),
                r.unserved());
        byRegistry.put(registryId, new Kept(contents, settings, List.copyOf(questions), result));
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
