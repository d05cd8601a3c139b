package io.modelcatalogbridge.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.modelcatalogbridge.model.MappingSettings;
import io.modelcatalogbridge.source.kserve.KServeDeployments;
import io.modelcatalogbridge.source.kserve.KServeObjects;
import io.modelcatalogbridge.sync.CatalogAssembler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@value Hostile#CASES} generated sets of hostile {@code InferenceService} and {@code LLMInferenceService} objects
 * (as the Kubernetes API hands them to the informers: any metadata, annotations, spec and status an editor of the
 * namespace can write), each extracted, mapped, rendered in both formats and validated. Every produced document must
 * pass every check and be accepted by storage's grammar; nothing may throw or hang.
 */
class HostileInferenceServicesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] PREFIXES = {
        "modelcatalogbridge.rhdh.io/", "model-catalog-bridge.ai.redhat.com/", "rhdh.io/"
    };
    private static final String[] KEYS = {
        "owner", "lifecycle", "description", "ethics", "howtouse", "support", "training", "usage", "homepageurl",
        "apispec", "apitype", "techdocs", "license", "system", "serverType", "default", "api-entity-ref", "name"
    };
    private static final String[] FRAMEWORKS = {"sklearn", "onnx", "huggingface", "model", "unknown"};

    @Test
    void everyObjectMapsToDocumentsThatValidateOrToNothing() {
        Stats stats = Cases.run("hostile InferenceServices", Hostile.CASES, this::oneCase);
        assertEquals(Hostile.CASES, stats.cases());
        // Not ready, stopped or registry-managed objects make no document; enough others must, or nothing is tested.
        assertTrue(stats.documents() > Hostile.CASES / 5, stats.toString());
    }

    private Stats oneCase(long seed) {
        Hostile h = new Hostile(seed);
        List<GenericKubernetesResource> isvcs = new ArrayList<>();
        List<GenericKubernetesResource> llms = new ArrayList<>();
        for (int i = 1 + h.nextInt(3); i > 0; i--) {
            boolean llm = h.chance(25);
            GenericKubernetesResource r = resource(h, llm);
            if (r != null) {
                (llm ? llms : isvcs).add(r);
            }
        }
        KServeObjects objects = new KServeObjects(isvcs, llms, List.of(), List.of());
        CatalogAssembler.Assembly a =
                CatalogAssembler.assemble(List.of(), KServeDeployments.extract(objects), MappingSettings.defaults());
        return Cases.renderedValidAndAccepted(a.documents());
    }

    /** One object, built as JSON and read as the fabric8 client reads an API server answer; null if unreadable. */
    private GenericKubernetesResource resource(Hostile h, boolean llm) {
        ObjectNode o = JSON.createObjectNode();
        o.put("apiVersion", llm ? "serving.kserve.io/v1alpha1" : "serving.kserve.io/v1beta1");
        o.put("kind", llm ? "LLMInferenceService" : "InferenceService");
        ObjectNode meta = o.putObject("metadata");
        meta.put("name", h.chance(70) ? "isvc-" + h.nextInt(20) : h.name());
        meta.put("namespace", h.chance(70) ? "ns-" + h.nextInt(5) : h.name());
        meta.put("uid", h.chance(90) ? "uid-" + h.nextInt(1000) : h.string());
        meta.put("creationTimestamp", h.chance(80) ? "2025-0" + (1 + h.nextInt(9)) + "-01T00:00:00Z" : h.string());
        ObjectNode annotations = meta.putObject("annotations");
        for (int i = h.nextInt(12); i > 0; i--) {
            String key =
                    h.chance(70) ? PREFIXES[h.nextInt(PREFIXES.length)] + KEYS[h.nextInt(KEYS.length)] : keyLike(h);
            annotations.put(key, h.string());
        }
        if (h.chance(20)) {
            annotations.put("serving.kserve.io/stop", h.chance(50) ? "true" : h.string());
        }
        if (h.chance(20)) {
            annotations.put("security.opendatahub.io/enable-auth", h.chance(50) ? "true" : h.string());
        }
        ObjectNode labels = meta.putObject("labels");
        for (int i = h.nextInt(4); i > 0; i--) {
            labels.put(h.chance(50) ? "modelregistry.opendatahub.io/name" : keyLike(h), h.string());
        }
        ObjectNode spec = o.putObject("spec");
        if (llm) {
            spec.putObject("model").put("uri", h.string()).put("name", h.string());
        } else {
            String framework = FRAMEWORKS[h.nextInt(FRAMEWORKS.length)];
            ObjectNode fw = spec.putObject("predictor").putObject(framework);
            fw.put("runtime", h.string());
            fw.put("storageUri", h.string());
            fw.putObject("modelFormat").put("name", h.string()).put("version", h.string());
        }
        ObjectNode status = o.putObject("status");
        status.put("url", h.chance(50) ? "https://" + h.name() + ".apps.example.com" : h.string());
        status.putObject("address").put("url", h.chance(50) ? "http://x.ns.svc.cluster.local" : h.string());
        ArrayNode conditions = status.putArray("conditions");
        for (String type : List.of("Ready", "PredictorReady", "IngressReady", "Stopped")) {
            if (h.chance(70)) {
                conditions
                        .addObject()
                        .put("type", type)
                        .put("status", h.chance(70) ? "True" : h.string())
                        .put("lastTransitionTime", h.chance(80) ? "2025-05-01T00:00:00Z" : h.string());
            }
        }
        if (h.chance(5)) {
            status.set("deep", deep(h.nextInt(300)));
        }
        try {
            return JSON.readValue(JSON.writeValueAsBytes(o), GenericKubernetesResource.class);
        } catch (IOException e) {
            // Broken UTF-16 in a key: no API server stores that object, no informer ever sees it.
            return null;
        }
    }

    /** Any string of the length an API server allows for a key (it checks the syntax too; we do not rely on it). */
    private static String keyLike(Hostile h) {
        String s = h.string();
        return s.length() > 316 ? s.substring(0, 316) : s;
    }

    private static JsonNode deep(int depth) {
        JsonNode n = JSON.createObjectNode().put("leaf", 1);
        for (int i = 0; i < depth; i++) {
            ObjectNode wrap = JSON.createObjectNode();
            wrap.set("n", n);
            n = wrap;
        }
        return n;
    }
}
