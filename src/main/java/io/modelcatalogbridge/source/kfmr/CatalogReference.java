package io.modelcatalogbridge.source.kfmr;

import java.util.Objects;
import java.util.Optional;

/**
 * Which model-catalog model a model artifact was registered from: {@code GET /sources/{sourceId}/models/{modelName}}.
 *
 * @param sourceId  catalog source id (under the older dashboard convention: the source <em>name</em>, which the
 *                  catalog may not know; a 404 then just means "no card")
 * @param modelName full catalog model name, usually {@code repo/model}
 */
public record CatalogReference(String sourceId, String modelName) {

    public CatalogReference {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(modelName, "modelName");
    }

    /**
     * The catalog model an artifact points at, if any. Current dashboards: {@code modelSourceKind=catalog},
     * {@code modelSourceClass}=source id, {@code modelSourceName}={@code repo/model}. Older dashboards set no kind:
     * {@code modelSourceClass}=source name, {@code modelSourceGroup}=repo, {@code modelSourceName}=model. Other
     * kinds ({@code kfp}, {@code transfer_job}) use the same fields for other things and are never catalog links.
     */
    public static Optional<CatalogReference> of(ModelArtifact artifact) {
        String kind = blankToNull(artifact.modelSourceKind());
        String source = blankToNull(artifact.modelSourceClass());
        String group = blankToNull(artifact.modelSourceGroup());
        String name = blankToNull(artifact.modelSourceName());
        if (source == null || name == null) {
            return Optional.empty();
        }
        if ("catalog".equals(kind)) {
            String full = name.contains("/") || group == null ? name : group + "/" + name;
            return Optional.of(new CatalogReference(source, full));
        }
        if (kind == null && group != null) {
            return Optional.of(new CatalogReference(source, group + "/" + name));
        }
        if (kind == null && name.contains("/")) {
            // Dashboards between the two conventions: no kind yet, but the full repo/model name.
            return Optional.of(new CatalogReference(source, name));
        }
        return Optional.empty();
    }

    /** Whether {@code model} is the catalog model this reference names. */
    public boolean matches(CatalogModel model) {
        return sourceId.equals(model.sourceId()) && modelName.equals(model.name());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
