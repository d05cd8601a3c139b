package io.modelcatalogbridge.model;

import java.util.List;
import java.util.Objects;

/**
 * One catalog document, field for field the top level of {@code schema/model-catalog.schema.json}: an optional
 * model server and the models it serves (or, without a server, models that are only registered).
 *
 * @param modelServer the deployed server, or {@code null} when the model is not (readily) deployed
 * @param models      at least one model; never {@code null}
 */
public record ModelCatalog(ModelServer modelServer, List<Model> models) {
    public ModelCatalog {
        models = List.copyOf(Objects.requireNonNull(models, "models"));
    }
}
