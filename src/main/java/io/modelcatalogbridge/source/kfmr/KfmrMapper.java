package io.modelcatalogbridge.source.kfmr;

import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.model.DocumentKey;
import io.modelcatalogbridge.model.EpochMillis;
import io.modelcatalogbridge.model.MappingSettings;
import io.modelcatalogbridge.model.Model;
import io.modelcatalogbridge.model.ModelAnnotations;
import io.modelcatalogbridge.model.ModelCard;
import io.modelcatalogbridge.model.ModelCatalog;
import io.modelcatalogbridge.model.ModelServer;
import io.modelcatalogbridge.model.Names;
import io.modelcatalogbridge.model.Ownership;
import io.modelcatalogbridge.model.SourceKind;
import io.modelcatalogbridge.model.Tags;
import io.modelcatalogbridge.model.WellKnownValues;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Maps one registry's contents to catalog documents: one per live registered model and live version, joined in
 * memory with the registry's inference services and, through a {@link DeploymentMatcher}, the cluster deployments
 * they run as. Pure; a record that cannot be mapped becomes a problem entry and the others still map.
 */
public final class KfmrMapper {
    private KfmrMapper() {}

    /**
     * @param documents documents, in registered model then version id order, keys unqualified
     * @param problems  human-readable problems, in the same order
     * @param claimed   deployments matched to a registry inference service (not to be mapped again on their own),
     *                  sorted by namespace and name
     * @param unserved  deployments of live versions that give no model server, in document order
     * @param <D>       the matcher's deployment type
     */
    public record Result<D>(
            List<CatalogDocument> documents,
            List<String> problems,
            List<D> claimed,
            List<UnservedDeployment> unserved) {
        public Result {
            documents = List.copyOf(documents);
            problems = List.copyOf(problems);
            claimed = List.copyOf(claimed);
            unserved = List.copyOf(unserved);
        }
    }

    /** The documents of a registry whose versions run nowhere (or where nobody looks: no cluster data). */
    public static Result<LiveDeployment> map(RegistryContents contents, MappingSettings settings) {
        return map(contents, DeploymentMatcher.none(), settings);
    }

    public static <D extends LiveDeployment> Result<D> map(
            RegistryContents contents, DeploymentMatcher<D> matcher, MappingSettings settings) {
        return map(contents, matcher, settings, null);
    }

    /**
     * As {@link #map(RegistryContents, DeploymentMatcher, MappingSettings)}, reusing the documents of versions whose
     * inputs did not change since the last mapping kept in {@code memo} (none: {@code null}), and keeping this one's.
     */
    public static <D extends LiveDeployment> Result<D> map(
            RegistryContents contents, DeploymentMatcher<D> matcher, MappingSettings settings, VersionMemo memo) {
        if (memo != null) {
            memo.begin(contents, settings);
        }
        KfmrMapperIndex index = new KfmrMapperIndex(contents);
        String registry = contents.registryId();
        List<CatalogDocument> docs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<D> claimed = new LinkedHashSet<>();
        List<UnservedDeployment> unserved = new ArrayList<>();
        for (ModelVersion orphan : index.orphanVersions()) {
            problems.add("registry " + registry + ": model version id " + orphan.id()
                    + " names unknown registered model id " + orphan.registeredModelId() + ", skipped");
        }
        for (RegisteredModel rm : index.models()) {
            if (rm.isLive()) {
                mapModel(index, matcher, rm, settings, memo, new Out<>(docs, problems, claimed, unserved));
            }
        }
        if (memo != null) {
            memo.end();
        }
        List<D> claimedSorted = claimed.stream()
                .sorted(Comparator.comparing((D d) -> d.namespace()).thenComparing(d -> d.name()))
                .toList();
        return new Result<>(docs, problems, claimedSorted, unserved);
    }

    /** What mapping produces, collected across models and versions. */
    private record Out<D>(
            List<CatalogDocument> docs, List<String> problems, Set<D> claimed, List<UnservedDeployment> unserved) {}

    /** The documents of one live registered model: one per live version. */
    private static <D extends LiveDeployment> void mapModel(
            KfmrMapperIndex index,
            DeploymentMatcher<D> matcher,
            RegisteredModel rm,
            MappingSettings settings,
            VersionMemo memo,
            Out<D> out) {
        List<String> problems = out.problems();
        String registry = index.contents.registryId();
        if (isBlank(rm.name()) || isBlank(rm.id())) {
            problems.add("registry " + registry + ": registered model id " + rm.id() + " has no "
                    + (isBlank(rm.name()) ? "name" : "id") + ", skipped");
            return;
        }
        for (ModelVersion mv : index.versions(rm)) {
            if (!mv.isLive()) {
                continue;
            }
            String context =
                    "registry " + registry + ": " + rm.name() + "/" + mv.name() + " (version id " + mv.id() + ")";
            if (isBlank(mv.name()) || isBlank(mv.id())) {
                problems.add(context + ": model version has no " + (isBlank(mv.name()) ? "name" : "id") + ", skipped");
                continue;
            }
            // A deployed model's documents depend on the cluster's deployments as well: always mapped.
            boolean memoizable = memo != null && !index.hasDeployedServices(rm);
            List<ModelArtifact> artifacts = index.contents.artifactsByVersion().get(mv.id());
            CatalogDocument kept = memoizable ? memo.reuse(rm, mv, artifacts) : null;
            if (kept != null) {
                out.docs().add(kept);
                continue;
            }
            try {
                int problemsBefore = problems.size();
                CatalogDocument doc = mapVersion(index, matcher, rm, mv, settings, context, out);
                out.docs().add(doc);
                if (memoizable && problems.size() == problemsBefore) {
                    memo.keep(rm, mv, artifacts, doc);
                }
            } catch (RuntimeException e) {
                // Defensive: one odd record must not cost the other documents of the registry.
                problems.add(context + ": cannot be mapped: " + e.getMessage());
            }
        }
    }

    private static <D extends LiveDeployment> CatalogDocument mapVersion(
            KfmrMapperIndex index,
            DeploymentMatcher<D> matcher,
            RegisteredModel rm,
            ModelVersion mv,
            MappingSettings settings,
            String context,
            Out<D> out) {
        List<String> problems = out.problems();
        String registry = index.contents.registryId();
        WellKnownValues values = WellKnownValues.read(KfmrMapperProperties.versionThenModel(mv, rm), context);
        problems.addAll(values.problems());
        String owner = Ownership.owner(settings, values.owner(), rm.owner());
        String lifecycle = Ownership.lifecycle(settings, values.lifecycle());
        List<ModelArtifact> artifacts = index.modelArtifacts(mv);
        Optional<ModelCard> card = KfmrMapperCards.find(registry, rm, artifacts, index.contents.catalogModels());
        Optional<KfmrMapperDeployments.Deployment<D>> deployment =
                KfmrMapperDeployments.select(index, matcher, rm, mv, context, problems);
        deployment.map(KfmrMapperDeployments.Deployment::live).ifPresent(out.claimed()::add);

        String servedName = deployment
                .flatMap(KfmrMapperDeployments.Deployment::deploymentName)
                .orElse(rm.name());
        Model model = new Model(
                Names.sanitize(rm.name() + "-" + mv.name()),
                owner,
                lifecycle,
                firstNonBlank(mv.description(), rm.description())
                        .orElse("Version " + mv.name() + " of model " + rm.name() + " in model registry " + registry
                                + "."),
                artifacts.stream()
                        .map(ModelArtifact::uri)
                        .filter(u -> !isBlank(u))
                        .findFirst()
                        .orElse(null),
                values.ethics(),
                values.license(),
                values.howToUseURL(),
                values.support(),
                tags(values, rm, mv, artifacts),
                values.training(),
                values.usage(),
                ModelAnnotations.of(servedName, values.techDocsUrl(), card, settings));

        ModelServer server = deployment
                .flatMap(dep -> server(dep, registry, rm, mv, artifacts, values, owner, lifecycle))
                .orElse(null);
        if (server == null && deployment.isPresent()) {
            KfmrMapperDeployments.Deployment<D> dep = deployment.get();
            out.unserved()
                    .add(new UnservedDeployment(
                            registry,
                            rm.name(),
                            mv.name(),
                            mv.id(),
                            dep.service().id(),
                            dep.namespace().orElse(null),
                            dep.deploymentName().orElse(null),
                            KfmrMapperDeployments.whyNoServer(dep)));
        }
        long lastUpdated = lastUpdated(rm, mv, artifacts, deployment, settings.times(), context, problems);
        return new CatalogDocument(
                DocumentKey.of(rm.name(), mv.name()),
                registry,
                SourceKind.KUBEFLOW,
                lastUpdated,
                new ModelCatalog(server, List.of(model)),
                card);
    }

    private static Optional<ModelServer> server(
            KfmrMapperDeployments.Deployment<?> dep,
            String registry,
            RegisteredModel rm,
            ModelVersion mv,
            List<ModelArtifact> artifacts,
            WellKnownValues values,
            String owner,
            String lifecycle) {
        String format = artifacts.stream()
                .map(ModelArtifact::modelFormatName)
                .filter(f -> !isBlank(f))
                .findFirst()
                .orElse(null);
        String description = serverDescription(rm, mv, dep.namespace().orElse(registry));
        return KfmrMapperDeployments.server(
                dep, registry, rm.name() + "-" + mv.name(), description, format, values, owner, lifecycle);
    }

    /**
     * What the model server's entity says: the registered model's description, then the version's (as the Go bridge,
     * which showed them on the entity), so an edit of either in the registry reaches the catalog. Without either, a
     * sentence naming the version and the namespace.
     */
    static String serverDescription(RegisteredModel rm, ModelVersion mv, String namespace) {
        List<String> parts = Stream.of(rm.description(), mv.description())
                .filter(d -> !isBlank(d))
                .map(String::strip)
                .distinct()
                .toList();
        return parts.isEmpty()
                ? "Model server for version " + mv.name() + " of model " + rm.name() + " in namespace " + namespace
                        + "."
                : String.join("\n\n", parts);
    }

    private static List<String> tags(
            WellKnownValues values, RegisteredModel rm, ModelVersion mv, List<ModelArtifact> artifacts) {
        List<String> tags = new ArrayList<>(values.tags());
        tags.addAll(KfmrMapperProperties.genericTags(rm.customProperties()));
        tags.addAll(KfmrMapperProperties.genericTags(mv.customProperties()));
        for (ModelArtifact ma : artifacts) {
            tags.addAll(KfmrMapperProperties.genericTags(ma.customProperties()));
        }
        return Tags.normalize(tags);
    }

    /**
     * Numeric maximum of every input's {@code lastUpdateTimeSinceEpoch} (strings on the wire; Go bug 16). A time
     * {@link EpochMillis} refuses (a sign, more than 13 digits, too far in the future) is a mapping problem and does
     * not count: storage would refuse the document, and one absurd time would pin it there.
     */
    private static long lastUpdated(
            RegisteredModel rm,
            ModelVersion mv,
            List<ModelArtifact> artifacts,
            Optional<? extends KfmrMapperDeployments.Deployment<?>> deployment,
            EpochMillis times,
            String context,
            List<String> problems) {
        List<Stamp> stamps = new ArrayList<>();
        stamps.add(new Stamp("registered model", rm.lastUpdateTimeSinceEpoch()));
        stamps.add(new Stamp("model version", mv.lastUpdateTimeSinceEpoch()));
        artifacts.forEach(a -> stamps.add(new Stamp("artifact " + a.id(), a.lastUpdateTimeSinceEpoch())));
        deployment.ifPresent(d -> stamps.add(
                new Stamp("inference service " + d.service().id(), d.service().lastUpdateTimeSinceEpoch())));
        long max = 0L;
        for (Stamp stamp : stamps) {
            if (stamp.value() == null || stamp.value().isBlank()) {
                continue;
            }
            try {
                max = Math.max(max, times.parse(stamp.value().strip()));
            } catch (EpochMillis.InvalidTimestampException e) {
                problems.add(
                        context + ": " + stamp.of() + ": " + e.getMessage() + "; not used for the document's time");
            }
        }
        LiveDeployment live = deployment.map(d -> (LiveDeployment) d.live()).orElse(null);
        return live == null ? max : Math.max(max, live.lastUpdated());
    }

    /** One input's time, and which input it is (for the problem line). */
    private record Stamp(String of, String value) {}

    private static Optional<String> firstNonBlank(String... values) {
        return Stream.of(values).filter(v -> !isBlank(v)).findFirst();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
