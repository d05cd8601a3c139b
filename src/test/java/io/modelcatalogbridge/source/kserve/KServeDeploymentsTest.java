package io.modelcatalogbridge.source.kserve;

import static io.modelcatalogbridge.testing.MappingFixtures.deployment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.testing.MappingFixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KServeDeploymentsTest {
    private static final String CLUSTER = "kserve/cluster.json";

    private static KServeDeployment d(String name) {
        return deployment(CLUSTER, name);
    }

    @Test
    void everyInferenceServiceAndLlmInferenceServiceIsExtractedInNamespaceAndNameOrder() {
        List<KServeDeployment> all = MappingFixtures.deployments(CLUSTER);
        assertEquals(
                List.of(
                        "demo/granite",
                        "demo/iris",
                        "demo/nourl",
                        "demo/paused",
                        "demo/scaled-down",
                        "demo/starting",
                        "ggmtest/mnist-v1",
                        "llm/llama"),
                all.stream().map(x -> x.namespace() + "/" + x.name()).toList());
        assertEquals("LLMInferenceService", d("llama").kind());
        assertEquals("8c2c357f-bf82-4d2d-a254-43eca96fd31d", d("mnist-v1").uid());
        assertEquals("4", d("mnist-v1").labels().get(KServeDeployment.LABEL_INFERENCE_SERVICE_ID));
    }

    @Test
    void readyNeedsReadyPredictorAndIngressConditionsTrueAndAUrl() {
        assertTrue(d("mnist-v1").ready());
        assertTrue(d("granite").ready(), "only Ready present");
        assertTrue(d("iris").ready(), "URL from the predictor Service");
        assertTrue(d("llama").ready());
        assertFalse(d("starting").ready(), "PredictorReady False");
        assertFalse(d("nourl").ready(), "no URL known");
    }

    @Test
    void stoppedByAnnotationOrStoppedCondition() {
        assertTrue(d("paused").stopped());
        assertTrue(d("scaled-down").stopped());
        assertFalse(d("mnist-v1").stopped());
    }

    @Test
    void externalUrlIsStatusUrlUnlessItIsClusterLocal() {
        assertEquals("https://mnist-v1-ggmtest.apps.example.com", d("mnist-v1").externalUrl());
        assertEquals(
                "http://mnist-v1-predictor.ggmtest.svc.cluster.local",
                d("mnist-v1").internalUrl());
        assertNull(d("granite").externalUrl());
        assertEquals(
                "http://granite-predictor.demo.svc.cluster.local", d("granite").internalUrl());
    }

    @Test
    void internalUrlFallsBackToThePredictorServiceOfTheSameNamespace() {
        KServeDeployment iris = d("iris");
        assertNull(iris.externalUrl());
        assertEquals("http://iris-predictor.demo.svc.cluster.local:8080", iris.internalUrl());
    }

    @Test
    void authDetectedByAnnotationOrOwnedServiceAccountInTheSameNamespace() {
        assertTrue(d("granite").authRequired(), "enable-auth annotation");
        assertTrue(d("mnist-v1").authRequired(), "ServiceAccount owned by the InferenceService");
        assertFalse(d("iris").authRequired(), "owned ServiceAccount lives in another namespace");
    }

    @Test
    void modelFormatRuntimeAndStorageFromTheNewStylePredictor() {
        KServeDeployment m = d("mnist-v1");
        assertEquals("onnx", m.modelFormat());
        assertEquals("ovms", m.runtime());
        assertEquals("https://huggingface.co/tarilabs/mnist/resolve/v20231206163028/mnist.onnx", m.storageUri());
    }

    @Test
    void legacyFrameworkGivesOnlyItsOwnFormat() {
        KServeDeployment iris = d("iris");
        assertEquals("sklearn", iris.modelFormat());
        assertNull(iris.runtime());
        assertEquals("s3:///models/iris", iris.storageUri());
    }

    @Test
    void llmInferenceServiceStorageIsSpecModelUri() {
        assertEquals("hf://meta-llama/Llama-3.1-8B", d("llama").storageUri());
        assertEquals("https://llama-llm.apps.example.com", d("llama").externalUrl());
    }

    @Test
    void lastUpdatedIsTheNewestOfCreationAndConditionTransitions() {
        assertEquals(
                Instant.parse("2025-02-25T19:46:20Z").toEpochMilli(),
                d("mnist-v1").lastUpdated());
        assertEquals(
                Instant.parse("2025-03-01T00:01:00Z").toEpochMilli(), d("iris").lastUpdated());
        assertEquals(0L, d("paused").lastUpdated());
    }

    @Test
    void emptyInputGivesNoDeployments() {
        assertEquals(List.of(), KServeDeployments.extract(KServeObjects.empty()));
    }
}
