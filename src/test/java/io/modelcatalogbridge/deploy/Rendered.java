package io.modelcatalogbridge.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.modelcatalogbridge.testing.Waits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One kustomization rendered by {@code kubectl kustomize}, exactly what {@code kubectl apply -k} would send. The
 * kubectl binary is {@code kubectl} on the PATH unless the system property {@code kubectl} names another.
 */
record Rendered(String dir, List<JsonNode> objects) {

    static final Path DEPLOY = Path.of("deploy");

    static Rendered of(String variant) {
        return of(variant, DEPLOY.resolve(variant));
    }

    /** Renders the kustomization in {@code dir}; {@code label} names it in failure messages. */
    static Rendered of(String label, Path dir) {
        if (!Files.isDirectory(dir)) {
            fail("no kustomization at " + dir.toAbsolutePath() + " (tests run from the project directory)");
        }
        String kubectl = System.getProperty("kubectl", "kubectl");
        try {
            Path err = Files.createTempFile("kustomize", ".err");
            try {
                Process p = new ProcessBuilder(kubectl, "kustomize", dir.toString())
                        .redirectError(err.toFile())
                        .start();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(Waits.seconds(60).toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    fail("kubectl kustomize " + dir + " did not finish within 60 s");
                }
                if (p.exitValue() != 0) {
                    fail("kubectl kustomize " + dir + " failed (exit " + p.exitValue() + "): "
                            + Files.readString(err, StandardCharsets.UTF_8).strip());
                }
                return new Rendered(label, parse(new String(out, StandardCharsets.UTF_8)));
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("Cannot run program")) {
                throw new AssertionError(
                        "kubectl is needed to render deploy/ (it embeds kustomize) and was not " + "found as '"
                                + kubectl + "': install it or pass -Dkubectl=/path/to/kubectl",
                        e);
            }
            throw new AssertionError("cannot render " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while rendering " + dir, e);
        }
    }

    private static List<JsonNode> parse(String yaml) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> it =
                new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && doc.isObject() && !doc.isEmpty()) {
                    out.add(doc);
                }
            }
        }
        return out;
    }

    /** {@code Kind/name} of every object, in render order. */
    List<String> ids() {
        return objects.stream()
                .map(o -> o.path("kind").asText() + "/"
                        + o.path("metadata").path("name").asText())
                .toList();
    }

    List<JsonNode> all(String kind) {
        return objects.stream()
                .filter(o -> kind.equals(o.path("kind").asText()))
                .toList();
    }

    /** The only object of a kind. */
    JsonNode one(String kind) {
        List<JsonNode> found = all(kind);
        if (found.size() != 1) {
            fail(dir + ": expected exactly one " + kind + ", found " + found.size() + " in " + ids());
        }
        return found.get(0);
    }

    static String name(JsonNode o) {
        return o.path("metadata").path("name").asText();
    }

    static String namespace(JsonNode o) {
        return o.path("metadata").path("namespace").asText();
    }
}
