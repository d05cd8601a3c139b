package io.modelcatalogbridge.sync;

import static io.modelcatalogbridge.testing.MappingFixtures.ready;
import static io.modelcatalogbridge.testing.MappingFixtures.withState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.model.DocumentKey;
import io.modelcatalogbridge.model.MappingSettings;
import io.modelcatalogbridge.model.ModelAnnotations;
import io.modelcatalogbridge.model.ModelServer;
import io.modelcatalogbridge.model.ModelServers;
import io.modelcatalogbridge.source.kfmr.KfmrMapper;
import io.modelcatalogbridge.source.kfmr.UnservedDeployment;
import io.modelcatalogbridge.source.kserve.KServeDeployment;
import io.modelcatalogbridge.testing.MappingFixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The join of registry inference services to KServe deployments, through the registry mapper. */
class DeploymentJoinTest {
    private static final String IS_ID = KServeDeployment.LABEL_INFERENCE_SERVICE_ID;

    private static KfmrMapper.Result<KServeDeployment> map(KServeDeployment... deployments) {
        return DeploymentJoin.map(
                MappingFixtures.registry("kfmr/deployments.json"), List.of(deployments), MappingSettings.defaults());
    }

    private static CatalogDocument doc(KfmrMapper.Result<KServeDeployment> r, String rm, String mv) {
        return r.documents().stream()
                .filter(d -> d.key().equals(DocumentKey.of(rm, mv)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no document " + rm + "/" + mv));
    }

    private static ModelServer server(KfmrMapper.Result<KServeDeployment> r, String rm, String mv) {
        return doc(r, rm, mv).catalog().modelServer();
    }

    private static String servedName(KfmrMapper.Result<KServeDeployment> r, String rm, String mv) {
        return doc(r, rm, mv).catalog().models().get(0).annotations().get(ModelAnnotations.MODEL_NAME);
    }

    @Test
    void withoutKServeDataTheInferenceServiceUrlGivesTheServer() {
        KfmrMapper.Result<KServeDeployment> r = map();
        ModelServer s = server(r, "mnist", "v1");
        assertEquals("https://mnist-v1-ggmtest.apps.example.com", s.api().url());
        assertEquals("ggmtest-mnist-v1", s.name());
        assertNull(s.authentication(), "unknown without KServe data");
        assertEquals(List.of("mnist-v1", "onnx"), s.tags());
        assertEquals(
                Map.of(ModelServers.ANNOTATION_EXTERNAL_URL, "https://mnist-v1-ggmtest.apps.example.com"),
                s.api().annotations());
        assertEquals("mnist-v1", servedName(r, "mnist", "v1"));
        assertEquals("mnist", servedName(r, "mnist", "v2"), "an undeployed version answers to the model name");
        assertTrue(r.claimed().isEmpty());
    }

    @Test
    void matchesKServeByInferenceServiceIdLabel() {
        KServeDeployment d = ready("ggmtest", "renamed", "uid-9", Map.of(IS_ID, "4"));
        KfmrMapper.Result<KServeDeployment> r = map(d);
        ModelServer s = server(r, "mnist", "v1");
        assertEquals("ggmtest-renamed", s.name());
        assertEquals("https://renamed-ggmtest.apps.example.com", s.api().url());
        assertEquals(
                "http://renamed-predictor.ggmtest.svc.cluster.local",
                s.api().annotations().get(ModelServers.ANNOTATION_INTERNAL_URL));
        assertEquals(Boolean.TRUE, s.authentication());
        assertEquals(List.of("onnx", "ovms"), s.tags());
        assertEquals("renamed", servedName(r, "mnist", "v1"));
        assertEquals(List.of(d), r.claimed());
        assertEquals(1750000000000L, doc(r, "mnist", "v1").lastUpdated());
    }

    @Test
    void inferenceServiceIdLabelInAnotherNamespaceDoesNotMatch() {
        KfmrMapper.Result<KServeDeployment> r = map(ready("elsewhere", "renamed", "uid-9", Map.of(IS_ID, "4")));
        assertEquals(
                "https://mnist-v1-ggmtest.apps.example.com",
                server(r, "mnist", "v1").api().url());
        assertTrue(r.claimed().isEmpty());
    }

    @Test
    void inferenceServiceIdLabelOfAnotherRegistryDoesNotMatch() {
        KfmrMapper.Result<KServeDeployment> other = map(ready(
                "ggmtest",
                "renamed",
                "uid-9",
                Map.of(IS_ID, "4", KServeDeployment.LABEL_REGISTRY_NAME, "other-registry")));
        assertTrue(other.claimed().isEmpty());
        KfmrMapper.Result<KServeDeployment> own = map(ready(
                "ggmtest",
                "renamed",
                "uid-9",
                Map.of(IS_ID, "4", KServeDeployment.LABEL_REGISTRY_NAME, "modelregistry-public")));
        assertEquals(1, own.claimed().size());
    }

    @Test
    void matchesKServeByExactNameAndUid() {
        KServeDeployment d = ready("ggmtest", "mnist-v1", "uid-1", Map.of());
        KfmrMapper.Result<KServeDeployment> r = map(d);
        assertEquals(List.of(d), r.claimed());
        assertEquals(
                "https://mnist-v1-ggmtest.apps.example.com",
                server(r, "mnist", "v1").api().url());
        assertEquals(Boolean.TRUE, server(r, "mnist", "v1").authentication());
    }

    @Test
    void neverMatchesByNamePrefixRuntimeNameOrStaleUid() {
        KfmrMapper.Result<KServeDeployment> r = map(
                ready("ggmtest", "mnist", "uid-1", Map.of()), // prefix of "mnist-v1/uid-1" (Go bug 7)
                ready("ggmtest", "mnist-v1", "recreated", Map.of()), // runtime name, other uid (Go bug 8)
                ready("other", "mnist-v1", "uid-1", Map.of())); // right name, wrong namespace
        assertTrue(r.claimed().isEmpty(), r.claimed().toString());
        assertNull(server(r, "mnist", "v1").authentication(), "served from the IS url, not a KServe object");
    }

    @Test
    void matchesKServeByModelAndVersionLabels() {
        KServeDeployment d = ready(
                "ggmtest",
                "by-labels",
                "u",
                Map.of(KServeDeployment.LABEL_REGISTERED_MODEL_ID, "1", KServeDeployment.LABEL_MODEL_VERSION_ID, "2"));
        KfmrMapper.Result<KServeDeployment> r = map(d);
        assertEquals(List.of(d), r.claimed());
        assertEquals("ggmtest-by-labels", server(r, "mnist", "v1").name());
    }

    @Test
    void matchedDeploymentThatIsNotReadyOrStoppedGivesNoServer() {
        KServeDeployment d = ready("ggmtest", "mnist-v1", "uid-1", Map.of());
        KfmrMapper.Result<KServeDeployment> starting = map(withState(d, false, false));
        assertNull(server(starting, "mnist", "v1"));
        assertEquals(1, starting.claimed().size(), "still the registry's deployment, not KServe-only");
        assertNull(server(map(withState(d, true, true)), "mnist", "v1"));
    }

    @Test
    void versionlessInferenceServiceServesTheLatestLiveVersion() {
        KfmrMapper.Result<KServeDeployment> r = map();
        assertNotNull(server(r, "latest", "v2"));
        assertEquals(
                "https://latest.apps.example.com",
                server(r, "latest", "v2").api().url());
        assertNull(server(r, "latest", "v1"));
    }

    @Test
    void severalDeployedInferenceServicesPickTheLowestIdAndReportTheOthers() {
        KfmrMapper.Result<KServeDeployment> r = map();
        assertEquals(
                "https://multi-a.apps.example.com",
                server(r, "multi", "v1").api().url());
        assertTrue(
                r.problems().stream().anyMatch(p -> p.contains("using id 32") && p.contains("ignoring 33")),
                r.problems().toString());
    }

    @Test
    void undeployedInferenceServiceGivesNoServer() {
        KfmrMapper.Result<KServeDeployment> r = map();
        assertNull(server(r, "gone", "v1"));
        assertEquals("gone", servedName(r, "gone", "v1"));
    }

    @Test
    void deployedInferenceServiceWithoutAnyUrlGivesNoServer() {
        KfmrMapper.Result<KServeDeployment> r = map();
        assertNull(server(r, "nourl", "v1"));
        assertEquals("nourl-v1", servedName(r, "nourl", "v1"));
    }

    @Test
    void clusterLocalUrlIsTheInternalServiceUrl() {
        ModelServer s = server(map(), "internal", "v1");
        assertEquals(
                "http://internal-v1-predictor.ggmtest.svc.cluster.local",
                s.api().url());
        assertEquals(
                Map.of(ModelServers.ANNOTATION_INTERNAL_URL, "http://internal-v1-predictor.ggmtest.svc.cluster.local"),
                s.api().annotations());
    }

    @Test
    void withoutARegistryUrlTheInferenceServiceIsFoundByNameInItsNamespace() {
        // Not labelled by the MR controller, and re-created (another uid): its status.url still serves the version.
        KServeDeployment recreated = ready("ggmtest", "nourl-v1", "recreated", Map.of());
        KfmrMapper.Result<KServeDeployment> r = map(recreated);
        assertEquals(
                "https://nourl-v1-ggmtest.apps.example.com",
                server(r, "nourl", "v1").api().url());
        assertEquals(List.of(recreated), r.claimed());
        assertEquals(List.of(), r.unserved());

        KfmrMapper.Result<KServeDeployment> none = map(
                ready("other", "nourl-v1", "recreated", Map.of()), // right name, other namespace
                ready("ggmtest", "nourl-v1", "x", Map.of(IS_ID, "99"))); // tied to another inference service
        assertNull(server(none, "nourl", "v1"));
        assertTrue(none.claimed().isEmpty());
    }

    @Test
    void deploymentsThatGiveNoServerAreReportedWithModelVersionAndWhy() {
        assertEquals(
                List.of(new UnservedDeployment(
                        "modelregistry-public",
                        "nourl",
                        "v1",
                        "51",
                        "52",
                        "ggmtest",
                        "nourl-v1",
                        UnservedDeployment.Reason.NO_URL)),
                map().unserved());
        KServeDeployment d = ready("ggmtest", "mnist-v1", "uid-1", Map.of());
        assertEquals(
                List.of(UnservedDeployment.Reason.NOT_READY, UnservedDeployment.Reason.NO_URL),
                map(withState(d, false, false)).unserved().stream()
                        .map(UnservedDeployment::reason)
                        .toList());
        assertEquals(
                UnservedDeployment.Reason.STOPPED,
                map(withState(d, true, true)).unserved().get(0).reason());
        assertTrue(map().unserved().stream().noneMatch(u -> u.model().equals("gone")), "undeployed is not reported");
    }
}
