package io.modelcatalogbridge.model;

import java.util.Objects;

/**
 * A model card (markdown) and where location serves it: {@code /modelcard/<sourceId>/<modelName>} (the model name
 * may contain '/'), and, for the Go-era contract, {@code /modelcard?key=<key()>}.
 */
public record ModelCard(String sourceId, String modelName, String markdown) {
    public ModelCard {
        sourceId = Text.clean(sourceId);
        modelName = Text.clean(modelName);
        markdown = Text.clean(markdown);
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(markdown, "markdown");
    }

    /** The Go-era {@code modelCardKey}: {@code <sourceId>/<modelName>}. */
    public String key() {
        return sourceId + "/" + modelName;
    }

    /** Path under location's current-era base where the card is served. */
    public String path() {
        return "/modelcard/" + sourceId + "/" + modelName;
    }
}
