package io.modelcatalogbridge.source.kfmr;

import io.modelcatalogbridge.model.ModelCard;
import io.modelcatalogbridge.model.Names;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the model card of a version: the {@code readme} of the catalog model it was registered from, else the
 * registered model's own {@code readme}.
 */
final class KfmrMapperCards {
    private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+");

    private KfmrMapperCards() {}

    static Optional<ModelCard> find(
            String registryId, RegisteredModel rm, List<ModelArtifact> artifacts, List<CatalogModel> catalog) {
        for (ModelArtifact ma : artifacts) {
            Optional<CatalogModel> cm = catalogModel(ma, catalog);
            if (cm.isPresent() && !isBlank(cm.get().readme())) {
                String sourceId = !isBlank(cm.get().sourceId()) ? cm.get().sourceId() : ma.modelSourceClass();
                return Optional.of(card(sourceId, cm.get().name(), cm.get().readme()));
            }
        }
        if (!isBlank(rm.readme())) {
            return Optional.of(card(registryId, rm.name(), rm.readme()));
        }
        return Optional.empty();
    }

    /**
     * The catalog model an artifact points at ({@link CatalogReference} reads both dashboard conventions). The
     * exact source is preferred; under the older convention the recorded "source" is a display name the catalog
     * does not know, so a model of the same full name from another source is accepted (lowest source id first).
     */
    static Optional<CatalogModel> catalogModel(ModelArtifact ma, List<CatalogModel> catalog) {
        return CatalogReference.of(ma)
                .flatMap(ref -> catalog.stream()
                        .filter(cm -> ref.modelName().equals(cm.name()))
                        .min(Comparator.comparing((CatalogModel cm) -> ref.matches(cm) ? 0 : 1)
                                .thenComparing(cm -> Objects.toString(cm.sourceId(), ""))));
    }

    /** A card whose source id and model name are safe as URL path segments (the model name keeps its '/'). */
    static ModelCard card(String sourceId, String modelName, String markdown) {
        return new ModelCard(safe(sourceId), safePath(modelName), markdown);
    }

    private static String safePath(String name) {
        String[] parts = name.split("/", -1);
        for (String p : parts) {
            if (!isSafe(p)) {
                return safe(name);
            }
        }
        return name;
    }

    /**
     * The text itself when safe; otherwise unsafe characters become {@code -} and a hash of the original is
     * appended, so two names that differ only in unsafe characters keep distinct card paths.
     */
    private static String safe(String raw) {
        if (isSafe(raw)) {
            return raw;
        }
        String replaced = raw == null ? "" : raw.replaceAll("[^A-Za-z0-9._~-]+", "-");
        replaced = replaced.replaceAll("^[-.]+|[-.]+$", "");
        String hash = Names.hash8(raw == null ? "" : raw);
        return replaced.isEmpty() ? hash : replaced + "-" + hash;
    }

    private static boolean isSafe(String segment) {
        return segment != null
                && SAFE_SEGMENT.matcher(segment).matches()
                && !".".equals(segment)
                && !"..".equals(segment);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
