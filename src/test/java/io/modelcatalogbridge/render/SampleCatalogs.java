package io.modelcatalogbridge.render;

import io.modelcatalogbridge.model.ApiType;
import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.model.DocumentKey;
import io.modelcatalogbridge.model.Model;
import io.modelcatalogbridge.model.ModelCatalog;
import io.modelcatalogbridge.model.ModelServer;
import io.modelcatalogbridge.model.ModelServerApi;
import io.modelcatalogbridge.model.SourceKind;
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
        ModelServer server = new ModelServer(
                "granite-server",
                "alice",
                "development",
                "Granite on vLLM",
                new ModelServerApi("https://granite.apps.example.com", ApiType.OPENAPI, "", null, null),
                null,
                null,
                null,
                null,
                null);
        return new ModelCatalog(server, List.of(model("granite-8b", "Granite 8b")));
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
        ModelServer server = new ModelServer(
                "granite-server",
                "alice",
                "production",
                "Granite: served by vLLM",
                api,
                Boolean.TRUE,
                "https://granite.apps.example.com/home",
                List.of("vllm", "granite"),
                "curl it\nthen \"enjoy\"",
                new TreeMap<>(Map.of("rhdh.io/system", "ai", "rhdh.io/default", "yes")));
        Model first = new Model(
                "granite-8b-v1",
                "alice",
                "production",
                "Granite 8b — café edition",
                "s3://bucket/granite",
                "Be nice",
                "Apache-2.0",
                "https://example.com/how",
                "#help on slack",
                List.of("license-apache", "provider-ibm", "1.0"),
                "Trained on code",
                "Ask it: anything",
                new TreeMap<>(Map.of(
                        "TechDocs",
                        "https://bridge.example.com/modelcard/granite_v1",
                        "techdocs",
                        "/modelcard/registry-a/granite-8b-v1",
                        "rhdh.modelcatalog.io/model-name",
                        "granite")));
        Model second = new Model(
                "granite-8b-v2",
                "bob",
                "experimental",
                "Second version",
                null,
                null,
                null,
                null,
                null,
                List.of("null"),
                null,
                null,
                new TreeMap<>(Map.of("TechDocs", "")));
        return new ModelCatalog(server, List.of(first, second));
    }

    /** A registered model that is not deployed. */
    static ModelCatalog noServer() {
        return new ModelCatalog(
                null,
                List.of(new Model(
                        "mnist-v1",
                        "rhdh-rhoai-bridge",
                        "development",
                        "MNIST",
                        "https://huggingface.co/mnist",
                        null,
                        "MIT",
                        null,
                        null,
                        List.of("mnist"),
                        null,
                        null,
                        new TreeMap<>(Map.of("TechDocs", "ftp://not-http.example.com/card")))));
    }

    /** Many tags, unsorted and with duplicates and one Backstage would reject. */
    static ModelCatalog multiTag() {
        ModelServer server = new ModelServer(
                "multi",
                "team-a",
                "development",
                "Multi",
                new ModelServerApi("https://multi.example.com", ApiType.ASYNCAPI, "spec", List.of("b", "a", "a"), null),
                Boolean.FALSE,
                null,
                List.of("zeta", "alpha", "c++", "k8s:cluster", "Upper"),
                null,
                null);
        Model m = new Model(
                "multi-model",
                "team-a",
                "development",
                "Model with tags",
                null,
                null,
                null,
                null,
                null,
                List.of("z-tag", "a-tag", "m#1", "a-tag", "registered-from-catalog"),
                null,
                null,
                null);
        return new ModelCatalog(server, List.of(m));
    }

    private static Model model(String name, String description) {
        return new Model(
                name, "alice", "development", description, null, null, null, null, null, null, null, null, null);
    }
}
