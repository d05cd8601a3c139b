package io.modelcatalogbridge.render;

import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.model.ModelCatalog;

/**
 * Turns one catalog document into the bytes a Backstage catalog module reads. A renderer is a pure function: no I/O,
 * and the same input always gives byte-identical output, so stores can compare bytes to skip unchanged writes.
 */
public interface Renderer {

    /** The format's name as the Go bridge's {@code NORMALIZER_FORMAT} spells it. */
    String formatName();

    /** File name at the end of a Go-era location URI ({@code /<seg1>/<seg2>/<fileName>}). */
    String fileName();

    /** HTTP content type location serves the bytes with. */
    String contentType();

    /** Renders the catalog content; UTF-8, ending with a newline. */
    byte[] render(ModelCatalog catalog);

    /** Renders a document; only its catalog content is part of the output. */
    default byte[] render(CatalogDocument doc) {
        return render(doc.catalog());
    }
}
