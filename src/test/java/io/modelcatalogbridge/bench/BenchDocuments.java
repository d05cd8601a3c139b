package io.modelcatalogbridge.bench;

import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.model.DocumentKey;
import io.modelcatalogbridge.render.JsonArrayFormat;
import io.modelcatalogbridge.serve.location.ExampleDocuments;
import io.modelcatalogbridge.storageapi.StorageWire;
import java.util.List;

/**
 * N distinct catalog documents for benchmarks: the example snapshot's documents (made by the real pipeline and
 * renderer, ~1.1 KB of JSON each, some with model cards) under N distinct keys {@code model-<i>_v<i mod 7>}.
 */
final class BenchDocuments {

    private final List<CatalogDocument> examples;
    private final JsonArrayFormat json = new JsonArrayFormat();

    BenchDocuments() {
        this.examples = ExampleDocuments.assemble("http://127.0.0.1:9090");
    }

    /**
     * The i-th document. Another {@code generation} gives the key other content (the next example document) and a
     * later timestamp, so a re-push is an update.
     */
    CatalogDocument document(int i, long generation) {
        CatalogDocument d = examples.get((int) ((i + generation) % examples.size()));
        return new CatalogDocument(
                key(i), d.sourceId(), d.kind(), d.lastUpdated() + generation, d.catalog(), d.modelCard());
    }

    static DocumentKey key(int i) {
        return DocumentKey.of("model-" + i, "v" + (i % 7));
    }

    /** Storage's upsert (and push) body of the i-th document. */
    StorageWire.UpsertRequest upsert(int i, long generation) {
        return ExampleDocuments.upsert(document(i, generation), json);
    }
}
