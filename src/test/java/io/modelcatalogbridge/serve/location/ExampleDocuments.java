package io.modelcatalogbridge.serve.location;

import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.model.MappingSettings;
import io.modelcatalogbridge.model.Model;
import io.modelcatalogbridge.model.ModelAnnotations;
import io.modelcatalogbridge.model.ModelCard;
import io.modelcatalogbridge.model.ModelCatalog;
import io.modelcatalogbridge.model.ModelServer;
import io.modelcatalogbridge.render.Renderer;
import io.modelcatalogbridge.source.kserve.KServeDeployments;
import io.modelcatalogbridge.source.snapshot.RegistrySnapshot;
import io.modelcatalogbridge.source.snapshot.SnapshotDirectory;
import io.modelcatalogbridge.storageapi.StorageWire;
import io.modelcatalogbridge.sync.CatalogAssembler;
import io.modelcatalogbridge.testing.CatalogBuilders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Documents for location tests, made by the real pipeline from {@code examples/registry-snapshot} (snapshot →
 * {@link CatalogAssembler} → renderer), plus small record edits (a model card, a changed description) applied to
 * the records before rendering, never to JSON text.
 */
public final class ExampleDocuments {

    public static final Path SNAPSHOT = Path.of("examples/registry-snapshot");

    private ExampleDocuments() {}

    /** Every document of the example snapshot; {@code locationBaseUrl} goes into Go-era absolute card URLs. */
    public static List<CatalogDocument> assemble(String locationBaseUrl) {
        RegistrySnapshot s = SnapshotDirectory.read(SNAPSHOT);
        return CatalogAssembler.assemble(
                        List.of(s.registry()),
                        KServeDeployments.extract(s.kserve()),
                        new MappingSettings(null, null, locationBaseUrl))
                .documents();
    }

    public static CatalogDocument byKey(List<CatalogDocument> docs, String storageKey) {
        return docs.stream()
                .filter(d -> d.key().storageKey().equals(storageKey))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no example document " + storageKey));
    }

    /** The document with a model card for its first model, annotated as the normalizer annotates cards. */
    public static CatalogDocument withCard(CatalogDocument doc, String markdown, String locationBaseUrl) {
        Model first = doc.catalog().models().get(0);
        ModelCard card = new ModelCard(doc.sourceId(), first.name(), markdown);
        String servedName = first.annotations().getOrDefault(ModelAnnotations.MODEL_NAME, first.name());
        Model annotated = CatalogBuilders.model(first)
                .annotations(ModelAnnotations.of(
                        servedName, null, Optional.of(card), new MappingSettings(null, null, locationBaseUrl)))
                .build();
        List<Model> models = new ArrayList<>(doc.catalog().models());
        models.set(0, annotated);
        return new CatalogDocument(
                doc.key(),
                doc.sourceId(),
                doc.kind(),
                doc.lastUpdated(),
                new ModelCatalog(doc.catalog().modelServer(), models),
                Optional.of(card));
    }

    /** The document with another model-server description and lifecycle (an update a user would notice). */
    public static CatalogDocument withServer(CatalogDocument doc, String description, String lifecycle) {
        ModelServer s = doc.catalog().modelServer();
        ModelServer changed = CatalogBuilders.server(s)
                .lifecycle(lifecycle)
                .description(description)
                .build();
        return new CatalogDocument(
                doc.key(),
                doc.sourceId(),
                doc.kind(),
                doc.lastUpdated() + 1,
                new ModelCatalog(changed, doc.catalog().models()),
                doc.modelCard());
    }

    /** Storage's push body for a document rendered with {@code renderer}. */
    public static StorageWire.UpsertRequest upsert(CatalogDocument doc, Renderer renderer) {
        return new StorageWire.UpsertRequest(
                Base64.getEncoder().encodeToString(renderer.render(doc)),
                Long.toString(doc.lastUpdated()),
                doc.modelCard().map(ModelCard::key).orElse(null),
                doc.modelCard().map(ModelCard::markdown).orElse(null));
    }

    /** Puts a rendered document into a stub storage, as storage holds it after an upsert. */
    public static void store(StubStorage storage, CatalogDocument doc, Renderer renderer) {
        storage.put(
                doc.key().storageKey(),
                renderer.render(doc),
                doc.lastUpdated(),
                doc.modelCard().map(ModelCard::key).orElse(null),
                doc.modelCard().map(ModelCard::markdown).orElse(null));
    }
}
