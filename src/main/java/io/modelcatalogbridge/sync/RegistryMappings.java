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
 * The last mapping of each registry, so that a delta (KServe events only: the registry contents are the same objects
 * as before) maps again only the registries whose join with KServe changed. The registry mapper is pure: its result
 * depends on the contents, the settings and what the deployment matcher answered. So each mapping records the
 * matcher's questions and answers; a delta asks the same questions of the current deployments and reuses the
 * mapping when every answer is the same — a few index look-ups instead of mapping 10,000 versions again. A
 * KServe-only deployment (asked about by no registry) therefore never re-maps a registry.
 *
 * <p>Full syncs map every registry again and replace what is kept here (level-triggered: nothing is trusted from
 * memory there). Not thread-safe: used on the engine's single sync thread.
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
     * The mapping of one registry with the deployments of {@code join}: the kept one when {@code reuse} is set and
     * nothing it depends on changed, else mapped now (and kept).
     */
    KfmrMapper.Result<KServeDeployment> map(
            RegistryContents contents, DeploymentJoin join, MappingSettings settings, boolean reuse) {
        String registryId = contents.registryId();
        Kept kept = byRegistry.get(registryId);
        if (reuse && kept != null && kept.contents() == contents && kept.settings() == settings) {
            boolean same = kept.questions().stream()
                    .allMatch(q -> answer(join, registryId, q.service(), q.environment(), q.model(), q.version())
                            .equals(q.answer()));
            if (same) {
                reused++;
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
