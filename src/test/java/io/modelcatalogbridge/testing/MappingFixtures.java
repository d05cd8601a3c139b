package io.modelcatalogbridge.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcatalogbridge.source.kfmr.RegistryContents;
import io.modelcatalogbridge.source.kserve.KServeDeployment;
import io.modelcatalogbridge.source.kserve.KServeDeployments;
import io.modelcatalogbridge.source.kserve.KServeObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the mapping fixtures under {@code fixtures/mapping/} with a plain Jackson mapper. */
public final class MappingFixtures {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MappingFixtures() {}

    public static RegistryContents registry(String path) {
        return read(path, RegistryContents.class);
    }

    public static KServeObjects kserve(String path) {
        return read(path, KServeObjects.class);
    }

    public static List<KServeDeployment> deployments(String path) {
        return KServeDeployments.extract(kserve(path));
    }

    /** The deployment with this name from a fixture file. */
    public static KServeDeployment deployment(String path, String name) {
        return deployments(path).stream()
                .filter(d -> d.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no deployment " + name + " in " + path));
    }

    private static <T> T read(String path, Class<T> type) {
        String resource = "/fixtures/mapping/" + path;
        try (InputStream in = MappingFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("missing fixture " + resource);
            }
            return MAPPER.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    /** A ready, running deployment with only what a matching test varies. */
    public static KServeDeployment ready(String namespace, String name, String uid, Map<String, String> labels) {
        return new KServeDeployment(
                "InferenceService",
                namespace,
                name,
                uid,
                new TreeMap<>(labels),
                new TreeMap<>(),
                true,
                false,
                "https://" + name + "-" + namespace + ".apps.example.com",
                "http://" + name + "-predictor." + namespace + ".svc.cluster.local",
                true,
                "onnx",
                "ovms",
                null,
                1750000000000L);
    }

    /** The same deployment with other readiness flags. */
    public static KServeDeployment withState(KServeDeployment d, boolean ready, boolean stopped) {
        return new KServeDeployment(
                d.kind(),
                d.namespace(),
                d.name(),
                d.uid(),
                d.labels(),
                d.annotations(),
                ready,
                stopped,
                d.externalUrl(),
                d.internalUrl(),
                d.authRequired(),
                d.modelFormat(),
                d.runtime(),
                d.storageUri(),
                d.lastUpdated());
    }
}
