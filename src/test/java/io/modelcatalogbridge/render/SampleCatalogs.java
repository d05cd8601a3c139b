package io.modelcatalogbridge.render;

import static io.modelcatalogbridge.testing.CatalogBuilders.annotations;
import static io.modelcatalogbridge.testing.CatalogBuilders.model;
import static io.modelcatalogbridge.testing.CatalogBuilders.server;

import io.modelcatalogbridge.model.ApiType;
import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.model.DocumentKey;
import io.modelcatalogbridge.model.Model;
import io.modelcatalogbridge.model.ModelCatalog;
import io.modelcatalogbridge.model.ModelServer;
import io.modelcatalogbridge.model.ModelServerApi;
import io.modelcatalogbridge.model.SourceKind;
import io.modelcatalogbridge.testing.CatalogBuilders;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Catalog documents for renderer tests; each scenario name is also its golden file's base name. */
final class SampleCatalogs {

    private SampleCatalogs() {}

    static Map<String, ModelCatalog> scenarios() {
        Map<String, ModelCatalog> m = new TreeMap<>();
        m.put("min", minimal());
        m.put("full", full());
        m.put("no-server", noServer());
        m.put("multi-tag", multiTag());
        return m;
    }

    static CatalogDocument document(ModelCatalog catalog) {
        return new CatalogDocument(
                DocumentKey.of("granite", "v1"), "registry-a", SourceKind.KUBEFLOW, 1_700_000_000_000L, catalog, null);
    }

    /** Only the required fields. */
    static ModelCatalog minimal() {
        ModelServer server = server(
                        "granite-server",
                        "alice",
                        "development",
                        "Granite on vLLM",
                        new ModelServerApi("https://granite.apps.example.com", ApiType.OPENAPI, "", null, null))
                .build();
        return new ModelCatalog(server, List.of(minimalModel("granite-8b", "Granite 8b")));
    }

    /** Every field set, with values that need care in YAML ("yes", "1.0", ':', quotes, newlines, non-ASCII). */
    static ModelCatalog full() {
        ModelServerApi api = new ModelServerApi(
                "https://granite.apps.example.com/v1",
                ApiType.GRPC,
                "https://example.com/openapi.json",
                List.of("openai", "grpc"),
                new TreeMap<>(Map.of(
                        "rhdh.modelcatalog.io/internal-service-url",
                        "http://granite.ns.svc:8080",
                        "rhdh.modelcatalog.io/external-route-url",
                        "https://granite.apps.example.com")));
        ModelServer server = server("granite-server", "alice", "production", "Granite: served by vLLM", api)
                .authentication(Boolean.TRUE)
                .homepageURL("https://granite.apps.example.com/home")
                .tags(List.of("vllm", "granite"))
                .usage("curl it\nthen \"enjoy\"")
                .annotations(annotations("rhdh.io/system", "ai", "rhdh.io/default", "yes"))
                .build();
        Model first = model("granite-8b-v1", "alice", "production", "Granite 8b — café edition")
                .artifactLocationURL("s3://bucket/granite")
                .ethics("Be nice")
                .license("Apache-2.0")
                .howToUseURL("https://example.com/how")
                .support("#help on slack")
                .tags(List.of("license-apache", "provider-ibm", "1.0"))
                .training("Trained on code")
                .usage("Ask it: anything")
                .annotations(annotations(
                        "TechDocs",
                        "https://bridge.example.com/modelcard/granite_v1",
                        "techdocs",
                        "/modelcard/registry-a/granite-8b-v1",
                        "rhdh.modelcatalog.io/model-name",
                        "granite"))
                .build();
        Model second = model("granite-8b-v2", "bob", "experimental", "Second version")
                .tags(List.of("null"))
                .annotations(annotations("TechDocs", ""))
                .build();
        return new ModelCatalog(server, List.of(first, second));
    }

    /** A registered model that is not deployed. */
    static ModelCatalog noServer() {
        return new ModelCatalog(
                null,
                List.of(model("mnist-v1", "rhdh-rhoai-bridge", "development", "MNIST")
                        .artifactLocationURL("https://huggingface.co/mnist")
                        .license("MIT")
                        .tags(List.of("mnist"))
                        .annotations(annotations("TechDocs", "ftp://not-http.example.com/card"))
                        .build()));
    }

    /** Many tags, unsorted and with duplicates and one Backstage would reject. */
    static ModelCatalog multiTag() {
        ModelServer server = server(
                        "multi",
                        "team-a",
                        "development",
                        "Multi",
                        new ModelServerApi(
                                "https://multi.example.com", ApiType.ASYNCAPI, "spec", List.of("b", "a", "a"), null))
                .authentication(Boolean.FALSE)
                .tags(List.of("zeta", "alpha", "c++", "k8s:cluster", "Upper"))
                .build();
        Model m = model("multi-model", "team-a", "development", "Model with tags")
                .tags(List.of("z-tag", "a-tag", "m#1", "a-tag", "registered-from-catalog"))
                .build();
        return new ModelCatalog(server, List.of(m));
    }

    private static Model minimalModel(String name, String description) {
        return CatalogBuilders.model(name, "alice", "development", description).build();
    }
}
