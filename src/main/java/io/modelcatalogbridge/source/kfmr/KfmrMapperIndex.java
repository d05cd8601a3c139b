package io.modelcatalogbridge.source.kfmr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The registry's lists joined once, in memory, by id: versions by registered model, deployed inference services
 * by registered model, serving environments by id. Every list is in numeric id order so the mapping does not depend
 * on the order the registry or a snapshot returned.
 */
final class KfmrMapperIndex {
    final RegistryContents contents;
    private final List<RegisteredModel> models;
    private final Map<String, List<ModelVersion>> versionsByModel = new HashMap<>();
    private final Map<String, List<InferenceService>> deployedByModel = new HashMap<>();
    private final Map<String, ServingEnvironment> environments = new HashMap<>();

    KfmrMapperIndex(RegistryContents contents) {
        this.contents = contents;
        this.models = sortedById(contents.registeredModels(), RegisteredModel::id);
        for (ModelVersion mv : sortedById(contents.modelVersions(), ModelVersion::id)) {
            versionsByModel
                    .computeIfAbsent(String.valueOf(mv.registeredModelId()), k -> new ArrayList<>())
                    .add(mv);
        }
        for (InferenceService is : sortedById(contents.inferenceServices(), InferenceService::id)) {
            if (is.isDeployed()) {
                deployedByModel
                        .computeIfAbsent(String.valueOf(is.registeredModelId()), k -> new ArrayList<>())
                        .add(is);
            }
        }
        for (ServingEnvironment se : contents.servingEnvironments()) {
            if (se.id() != null) {
                environments.putIfAbsent(se.id(), se);
            }
        }
    }

    /** All registered models, archived ones included (the mapper decides), in id order. */
    List<RegisteredModel> models() {
        return models;
    }

    /** All versions of a registered model, in id order. */
    List<ModelVersion> versions(RegisteredModel rm) {
        return versionsByModel.getOrDefault(String.valueOf(rm.id()), List.of());
    }

    /** Versions whose registered model id names no registered model of this registry. */
    List<ModelVersion> orphanVersions() {
        Set<String> known = models.stream().map(m -> String.valueOf(m.id())).collect(Collectors.toSet());
        List<ModelVersion> out = new ArrayList<>();
        versionsByModel.forEach((rmId, list) -> {
            if (!known.contains(rmId)) {
                out.addAll(list);
            }
        });
        return sortedById(out, ModelVersion::id);
    }

    /** The model artifacts (only {@code model-artifact} entries) of a version, in id order. */
    List<ModelArtifact> modelArtifacts(ModelVersion mv) {
        List<ModelArtifact> all = contents.artifactsByVersion().getOrDefault(mv.id(), List.of());
        return sortedById(all.stream().filter(ModelArtifact::isModelArtifact).toList(), ModelArtifact::id);
    }

    /**
     * Deployed inference services serving this version: those naming it, plus those without a version id when it
     * is the registered model's latest live version (KFMR serves the latest version then).
     */
    List<InferenceService> deployedServices(RegisteredModel rm, ModelVersion mv) {
        Optional<String> latest = versions(rm).stream()
                .filter(ModelVersion::isLive)
                .map(ModelVersion::id)
                .reduce((a, b) -> b);
        return deployedByModel.getOrDefault(String.valueOf(rm.id()), List.of()).stream()
                .filter(is -> is.modelVersionId() == null || is.modelVersionId().isBlank()
                        ? latest.filter(id -> id.equals(mv.id())).isPresent()
                        : is.modelVersionId().equals(mv.id()))
                .toList();
    }

    /** Whether any deployed inference service names this registered model. */
    boolean hasDeployedServices(RegisteredModel rm) {
        return deployedByModel.containsKey(String.valueOf(rm.id()));
    }

    Optional<ServingEnvironment> environment(String id) {
        return Optional.ofNullable(id == null ? null : environments.get(id));
    }

    /** Numeric id order (ids are decimal strings); anything unparsable sorts after, by text. */
    static final Comparator<String> NUMERIC_ID = Comparator.comparing((String id) -> parseLong(id) == null ? 1 : 0)
            .thenComparing(id -> parseLong(id) == null ? 0L : parseLong(id))
            .thenComparing(id -> id == null ? "" : id);

    static <T> List<T> sortedById(List<T> items, Function<T, String> id) {
        return items.stream().sorted(Comparator.comparing(id, NUMERIC_ID)).toList();
    }

    /** A decimal string as a number, or {@code null} (ids and timestamps arrive as JSON strings). */
    static Long parseLong(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
