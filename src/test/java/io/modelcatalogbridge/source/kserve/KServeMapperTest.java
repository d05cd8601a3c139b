package io.modelcatalogbridge.source.kserve;

import static io.modelcatalogbridge.testing.MappingFixtures.deployment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.model.ApiType;
import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.model.DocumentKey;
import io.modelcatalogbridge.model.MappingSettings;
import io.modelcatalogbridge.model.Model;
import io.modelcatalogbridge.model.ModelServer;
import io.modelcatalogbridge.model.SourceKind;
import io.modelcatalogbridge.testing.MappingFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class KServeMapperTest {
    private static final String CLUSTER = "kserve/cluster.json";
    private static final MappingSettings DEFAULTS = MappingSettings.defaults();

    private static CatalogDocument map(String name) {
        return KServeMapper.map(deployment(CLUSTER, name), DEFAULTS, new ArrayList<>())
                .orElseThrow();
    }

    @Test
    void kserveOnlyDeploymentIsOneDocumentKeyedByNamespaceAndName() {
        CatalogDocument d = map("granite");
        assertEquals(DocumentKey.of("demo", "granite"), d.key());
        assertEquals("kserve", d.sourceId());
        assertEquals(SourceKind.KSERVE, d.kind());
        assertEquals(Optional.empty(), d.modelCard());
        assertEquals(deployment(CLUSTER, "granite").lastUpdated(), d.lastUpdated());
        Model m = d.catalog().models().get(0);
        assertEquals("granite", m.name());
        assertEquals("oci://registry.redhat.io/rhelai1/modelcar-granite-3-1-8b-lab-v1:1.4.0", m.artifactLocationURL());
        assertEquals(List.of("openapi", "vllm", "vllm-runtime"), m.tags(), "API Type is a tag key too");
    }

    @Test
    void annotationsUnderBothPrefixesFillTheFieldsFirstPrefixWinning() {
        CatalogDocument d = map("granite");
        Model m = d.catalog().models().get(0);
        assertEquals("team-ai", m.owner(), "modelcatalogbridge.rhdh.io wins over model-catalog-bridge.ai.redhat.com");
        assertEquals("production", m.lifecycle(), "second prefix used when the first is unset");
        assertEquals("Granite served by KServe", m.description());
        assertEquals(
                "Granite served by KServe",
                d.catalog().modelServer().description(),
                "the owner's description reaches the server's entity too");
        assertEquals("Be nice", m.ethics());
        assertEquals("https://example.com/granite/how", m.howToUseURL());
        assertEquals("https://example.com/granite/support", m.support());
        assertEquals("Lots of text", m.training());
        assertEquals("Chat with it", m.usage());
        assertEquals("Apache-2.0", m.license());
        assertEquals(
                Map.of(
                        "rhdh.modelcatalog.io/model-name",
                        "granite",
                        "TechDocs",
                        "https://example.com/granite/docs",
                        "techdocs",
                        "https://example.com/granite/docs"),
                m.annotations());
        ModelServer s = d.catalog().modelServer();
        assertEquals("team-ai", s.owner());
        assertEquals("https://example.com/granite", s.homepageURL());
        assertEquals(ApiType.OPENAPI, s.api().type());
        assertEquals("https://example.com/granite/openapi.json", s.api().spec());
        assertEquals("Chat with it", s.usage());
    }

    @Test
    void serverUsesNamespaceAndNameUrlAndAuth() {
        ModelServer s = map("granite").catalog().modelServer();
        assertEquals("demo-granite", s.name());
        assertEquals("http://granite-predictor.demo.svc.cluster.local", s.api().url());
        assertEquals(Boolean.TRUE, s.authentication());
        assertEquals(List.of("vllm", "vllm-runtime"), s.tags());
        ModelServer mnist = map("mnist-v1").catalog().modelServer();
        assertEquals("https://mnist-v1-ggmtest.apps.example.com", mnist.api().url());
        assertEquals(
                Map.of(
                        "rhdh.modelcatalog.io/external-route-url",
                        "https://mnist-v1-ggmtest.apps.example.com",
                        "rhdh.modelcatalog.io/internal-service-url",
                        "http://mnist-v1-predictor.ggmtest.svc.cluster.local"),
                mnist.api().annotations());
    }

    @Test
    void rhdhServerAnnotationsAreCopied() {
        Map<String, String> a = map("granite").catalog().modelServer().annotations();
        assertEquals(
                Map.of(
                        "rhdh.io/system",
                        "chat",
                        "rhdh.io/serverType",
                        "vllm",
                        "rhdh.io/default",
                        "true",
                        "rhdh.io/owner",
                        "group:ai",
                        "rhdh.io/lifecycle",
                        "experimental",
                        "rhdh.io/api-entity-ref",
                        "api:default/granite"),
                a);
    }

    @Test
    void withoutAnnotationsDefaultsApplyAndTechDocsIsEmpty() {
        Model m = map("iris").catalog().models().get(0);
        assertEquals("rhdh-rhoai-bridge", m.owner());
        assertEquals("development", m.lifecycle());
        assertEquals("AI model served by KServe InferenceService iris in namespace demo.", m.description());
        ModelServer s = map("iris").catalog().modelServer();
        assertTrue(s == null || s.description().equals("KServe InferenceService iris in namespace demo."));
        assertEquals("", m.annotations().get("TechDocs"));
        assertFalse(m.annotations().containsKey("techdocs"));
        assertEquals(List.of("sklearn"), m.tags());
    }

    @Test
    void storageUriWithoutBucketIsNotAnArtifactLocation() {
        assertNull(map("iris").catalog().models().get(0).artifactLocationURL());
        assertNull(KServeMapper.urlWithHost("s3://"));
        assertEquals("s3://my_bucket/model", KServeMapper.urlWithHost("s3://my_bucket/model"));
    }

    @Test
    void onlyReadyRunningDeploymentsProduceADocument() {
        for (String name : List.of("paused", "scaled-down", "starting", "nourl")) {
            assertTrue(
                    KServeMapper.map(deployment(CLUSTER, name), DEFAULTS, new ArrayList<>())
                            .isEmpty(),
                    name);
        }
        KServeMapper.Result all = KServeMapper.map(MappingFixtures.deployments(CLUSTER), DEFAULTS);
        assertEquals(
                List.of("demo_granite", "demo_iris", "ggmtest_mnist-v1", "llm_llama"),
                all.documents().stream().map(d -> d.key().storageKey()).toList());
    }

    @Test
    void unknownApiTypeAnnotationIsAProblem() {
        KServeDeployment g = deployment(CLUSTER, "granite");
        var annotations = new TreeMap<>(g.annotations());
        annotations.put("modelcatalogbridge.rhdh.io/apitype", "soap");
        KServeDeployment soap = new KServeDeployment(
                g.kind(),
                g.namespace(),
                g.name(),
                g.uid(),
                g.labels(),
                annotations,
                true,
                false,
                g.externalUrl(),
                g.internalUrl(),
                true,
                null,
                null,
                null,
                0L);
        List<String> problems = new ArrayList<>();
        CatalogDocument d = KServeMapper.map(soap, DEFAULTS, problems).orElseThrow();
        assertEquals(ApiType.OPENAPI, d.catalog().modelServer().api().type());
        assertEquals(1, problems.size());
    }

    @Test
    void registryManagedDeploymentsAreLeftToTheRegistryThatWasRead() {
        KServeDeployment mnist = deployment(CLUSTER, "mnist-v1"); // labelled for registry modelregistry-public
        assertTrue(KServeMapper.isManagedBy(mnist, List.of("modelregistry-public")));
        assertTrue(KServeMapper.isManagedBy(mnist, List.of("other", "modelregistry-public-https")));
        assertTrue(KServeMapper.isManagedBy(mnist, List.of("odh-model-registries:modelregistry-public")));
        assertTrue(KServeMapper.isManagedBy(mnist, List.of("odh-model-registries-modelregistry-public-rest")));
        assertFalse(KServeMapper.isManagedBy(mnist, List.of("other")));
        assertFalse(KServeMapper.isManagedBy(mnist, List.of()), "no registry read: KServe-only");
        assertFalse(KServeMapper.isManagedBy(deployment(CLUSTER, "granite"), List.of("modelregistry-public")));
    }
}
