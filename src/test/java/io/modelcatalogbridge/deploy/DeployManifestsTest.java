package io.modelcatalogbridge.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcatalogbridge.bench.ContainerSettings;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders every kustomization under {@code deploy/} as {@code kubectl apply -k} would and checks what a user
 * relies on: the Go bridge's names and environment (so an install can be swapped in place), one image for every
 * role, the roles' ports, probes that cannot take Developer Hub down, and exactly the RBAC of {@link RbacTable}.
 */
class DeployManifestsTest {

    /**
     * Location's sidecar: the image's JVM options without C1-only compilation, and compile thresholds ×2 instead of ×4
     * (docs/memory.md).
     */
    private static final String LOCATION_JAVA_OPTS_APPEND =
            "-XX:CompileThresholdScaling=2 -Xms16m -Xmn4m -XX:TrimNativeHeapInterval=10000";

    /** The image's options that location's sidecar leaves out: C1 only, one compiler thread. */
    private static final List<String> NOT_FOR_LOCATION = List.of("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1");

    /**
     * The normalizer's sidecar: the image's JVM options with a young generation that grows with the heap (at least
     * 4 MiB, a quarter of it) instead of a fixed 4 MiB (docs/memory.md).
     */
    private static final String NORMALIZER_JAVA_OPTS_APPEND = "-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1"
            + " -XX:CompileThresholdScaling=4 -Xms16m -XX:NewSize=4m -XX:NewRatio=3 -XX:TrimNativeHeapInterval=10000";

    static final String IMAGE = "quay.io/redhat-ai-dev/model-catalog-bridge:latest";
    static final String SIDECAR_NS = "ai-rhdh";
    static final String SIDECAR_ACCOUNT = "rhdh-rhoai-bridge";
    static final String STANDALONE_NS = "model-catalog-bridge";
    static final String STANDALONE_NAME = "model-catalog-bridge";
    static final List<String> ROLES = List.of("location", "storage", "normalizer");

    static Map<String, Integer> ports;
    static Rendered sidecar;
    static Rendered standalone;

    @BeforeAll
    static void render() throws ReflectiveOperationException {
        ports = rolePorts();
        sidecar = Rendered.of("sidecar");
        standalone = Rendered.of("standalone");
    }

    /** The roles' default ports as the executable knows them ({@code cli.Main.ROLE_PORTS} is package-private). */
    @SuppressWarnings("unchecked")
    static Map<String, Integer> rolePorts() throws ReflectiveOperationException {
        Field f = Class.forName("io.modelcatalogbridge.cli.Main").getDeclaredField("ROLE_PORTS");
        f.setAccessible(true);
        return (Map<String, Integer>) f.get(null);
    }

    // ---- sidecar

    @Test
    void sidecarRendersTheGoBridgeObjectsUnderTheirNames() {
        assertEquals(
                List.of(
                        "ServiceAccount/rhdh-rhoai-bridge",
                        "Role/rhdh-rhoai-bridge",
                        "ClusterRole/rhdh-rhoai-bridge",
                        "RoleBinding/rhdh-rhoai-bridge",
                        "ClusterRoleBinding/rhdh-rhoai-bridge",
                        "Secret/rhdh-rhoai-bridge-token",
                        "Backstage/ai-rh-developer-hub"),
                sidecar.ids());
        for (JsonNode o : sidecar.objects()) {
            boolean clusterScoped = o.path("kind").asText().startsWith("Cluster");
            assertEquals(clusterScoped ? "" : SIDECAR_NS, Rendered.namespace(o), Rendered.name(o));
        }
        assertEquals(
                "rhdh.redhat.com/v1alpha3",
                sidecar.one("Backstage").path("apiVersion").asText());
    }

    @Test
    void sidecarContainersRunOneImageWithTheRoleAsArgument() {
        List<JsonNode> containers = sidecarContainers();
        assertEquals(
                List.of("backstage-backend", "location", "storage", "normalizer"),
                containers.stream().map(c -> c.path("name").asText()).toList());
        assertEquals(1, containers.get(0).size(), "the Backstage container is only named, never changed");
        for (JsonNode c : containers.subList(1, 4)) {
            assertEquals(IMAGE, c.path("image").asText(), c.path("name").asText());
            assertEquals(List.of(c.path("name").asText()), texts(c.path("args")));
            assertFalse(c.has("command"), "the image's entrypoint starts the JVM");
        }
    }

    @Test
    void sidecarContainersCarryTheGoBridgeEnvironment() {
        for (JsonNode c : sidecarContainers().subList(1, 4)) {
            Map<String, String> want = new LinkedHashMap<>();
            want.put("NORMALIZER_FORMAT", "JsonArrayFormat");
            if (c.path("name").asText().equals("location")) {
                want.put("JAVA_OPTS_APPEND", LOCATION_JAVA_OPTS_APPEND);
                // Location's heap grows from ~10 to ~40 MiB in its first load of 10,000 documents: in larger steps
                // than the launcher's 10/20, so that growth costs a few full collections, not ~20 (docs/memory.md).
                want.put("GC_MIN_HEAP_FREE_RATIO", "40");
                want.put("GC_MAX_HEAP_FREE_RATIO", "70");
            }
            if (c.path("name").asText().equals("normalizer")) {
                want.put("JAVA_OPTS_APPEND", NORMALIZER_JAVA_OPTS_APPEND);
            }
            if (c.path("name").asText().equals("storage")) {
                want.put("STORAGE_TYPE", "ConfigMap");
                want.put("BRIDGE_URL", "http://localhost:9090");
            }
            want.put("POD_IP", "fieldRef:status.podIP");
            want.put("POD_NAMESPACE", "fieldRef:metadata.namespace");
            want.put("JAVA_MAX_MEM_RATIO", "40");
            if (c.path("name").asText().equals("normalizer")) {
                want.put("GC_MAX_HEAP_FREE_RATIO", "40");
            }
            want.put("STORAGE_TOKEN", "secret:ai-rh-developer-hub-env/STORAGE_TOKEN");
            if (!c.path("name").asText().equals("normalizer")) {
                want.put("BRIDGE_TOKEN", "secret:ai-rh-developer-hub-env/BRIDGE_TOKEN");
            }
            assertEquals(want, env(c), c.path("name").asText());
            JsonNode from = c.path("envFrom");
            assertEquals(2, from.size());
            assertEquals(
                    "rhdh-rhoai-bridge-token",
                    from.get(0).path("secretRef").path("name").asText());
            assertFalse(
                    from.get(0).path("secretRef").path("optional").asBoolean(false),
                    "without the token the roles cannot reach Kubernetes: fail visibly");
            assertEquals(
                    "ai-rh-developer-hub-env",
                    from.get(1).path("secretRef").path("name").asText());
        }
    }

    /**
     * Issue 11: the manifests wire the inter-role tokens from one Secret. Every role reads {@code STORAGE_TOKEN}
     * (storage requires it, the others send it) and storage and location {@code BRIDGE_TOKEN} (location requires it,
     * storage sends it), each by an explicit {@code secretKeyRef} to the same Secret, which is also the Secret the
     * containers' {@code envFrom} reads — so one entry there reaches every role, and no role can end up with a
     * different token than its peers.
     */
    @Test
    void everyRoleReadsTheInterRoleTokensFromOneSecret() {
        Map<String, JsonNode> containers = new LinkedHashMap<>();
        sidecarContainers()
                .subList(1, 4)
                .forEach(c -> containers.put("sidecar " + c.path("name").asText(), c));
        containers.put("standalone run", standaloneContainer());
        Map<String, List<String>> tokensOf = Map.of(
                "sidecar location", List.of("STORAGE_TOKEN", "BRIDGE_TOKEN"),
                "sidecar storage", List.of("STORAGE_TOKEN", "BRIDGE_TOKEN"),
                "sidecar normalizer", List.of("STORAGE_TOKEN"),
                "standalone run", List.of("STORAGE_TOKEN", "BRIDGE_TOKEN"));
        Map<String, Set<String>> secretsPerVariant = new LinkedHashMap<>();
        containers.forEach((who, c) -> {
            for (String token : tokensOf.get(who)) {
                JsonNode ref = StreamSupport.stream(c.path("env").spliterator(), false)
                        .filter(e -> e.path("name").asText().equals(token))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(who + " does not get " + token))
                        .path("valueFrom")
                        .path("secretKeyRef");
                assertFalse(ref.isMissingNode(), who + ": " + token + " comes from a Secret");
                assertEquals(token, ref.path("key").asText(), who + ": " + token + "'s key");
                String secret = ref.path("name").asText();
                List<String> envFromSecrets = StreamSupport.stream(
                                c.path("envFrom").spliterator(), false)
                        .map(f -> f.path("secretRef").path("name").asText())
                        .toList();
                assertTrue(
                        envFromSecrets.contains(secret),
                        who + ": " + token + " comes from " + secret + ", the Secret of its other settings "
                                + envFromSecrets);
                secretsPerVariant
                        .computeIfAbsent(who.split(" ")[0], v -> new TreeSet<>())
                        .add(secret);
            }
        });
        assertEquals(
                Map.of(
                        "sidecar", Set.of("ai-rh-developer-hub-env"),
                        "standalone", Set.of("model-catalog-bridge-env")),
                secretsPerVariant,
                "one Secret per deployment variant");
    }

    @Test
    void sidecarPortsAndProbesAreTheRolePortsWithoutReadinessGate() {
        for (JsonNode c : sidecarContainers().subList(1, 4)) {
            String role = c.path("name").asText();
            int port = ports.get(role);
            assertEquals(List.of(port), containerPorts(c), role);
            assertProbe(c.path("startupProbe"), "/q/health/live", port, role);
            assertProbe(c.path("livenessProbe"), "/q/health/live", port, role);
            // A sidecar that is not ready makes the whole Developer Hub pod unready.
            assertFalse(c.has("readinessProbe"), role + " must not gate Developer Hub's readiness");
            assertResources(c, role);
        }
    }

    @Test
    void sidecarTokenSecretBelongsToTheServiceAccount() {
        JsonNode secret = sidecar.one("Secret");
        assertEquals("kubernetes.io/service-account-token", secret.path("type").asText());
        assertEquals(
                Rendered.name(sidecar.one("ServiceAccount")),
                secret.path("metadata")
                        .path("annotations")
                        .path("kubernetes.io/service-account.name")
                        .asText());
    }

    @Test
    void sidecarGrantsExactlyTheRbacTable() {
        assertEquals(RbacTable.expected(), GrantedRbac.of(sidecar, SIDECAR_ACCOUNT, SIDECAR_NS));
    }

    // ---- standalone

    @Test
    void standaloneRendersOneDeploymentRunningAllRoles() {
        assertEquals(
                List.of(
                        "Namespace/model-catalog-bridge",
                        "ServiceAccount/model-catalog-bridge",
                        "Role/model-catalog-bridge",
                        "ClusterRole/model-catalog-bridge",
                        "RoleBinding/model-catalog-bridge",
                        "ClusterRoleBinding/model-catalog-bridge",
                        "Service/model-catalog-bridge",
                        "Deployment/model-catalog-bridge",
                        "Route/model-catalog-bridge"),
                standalone.ids());
        JsonNode pod =
                standalone.one("Deployment").path("spec").path("template").path("spec");
        assertEquals(STANDALONE_NAME, pod.path("serviceAccountName").asText());
        assertEquals(1, pod.path("containers").size());
        JsonNode c = pod.path("containers").get(0);
        assertEquals(IMAGE, c.path("image").asText());
        assertEquals(List.of("run"), texts(c.path("args")));
    }

    @Test
    void standaloneEnvironmentUsesConfigMapsOfItsNamespace() {
        JsonNode c = standaloneContainer();
        assertEquals(
                Map.of(
                        "NORMALIZER_FORMAT",
                        "JsonArrayFormat",
                        "STORAGE_TYPE",
                        "ConfigMap",
                        "POD_IP",
                        "fieldRef:status.podIP",
                        "POD_NAMESPACE",
                        "fieldRef:metadata.namespace",
                        "JAVA_MAX_MEM_RATIO",
                        "40",
                        "STORAGE_TOKEN",
                        "secret:model-catalog-bridge-env/STORAGE_TOKEN",
                        "BRIDGE_TOKEN",
                        "secret:model-catalog-bridge-env/BRIDGE_TOKEN"),
                env(c));
        JsonNode ref = c.path("envFrom").get(0).path("secretRef");
        assertEquals("model-catalog-bridge-env", ref.path("name").asText());
        assertTrue(ref.path("optional").asBoolean(), "the settings Secret is optional");
    }

    @Test
    void standalonePortsReachTheRolesThroughServiceAndRoute() {
        JsonNode c = standaloneContainer();
        Map<String, Integer> byName = new LinkedHashMap<>();
        c.path("ports")
                .forEach(p -> byName.put(
                        p.path("name").asText(), p.path("containerPort").asInt()));
        assertEquals(
                Map.of(
                        "location",
                        ports.get("location"),
                        "storage",
                        ports.get("storage"),
                        "metrics",
                        ports.get("normalizer")),
                byName);

        JsonNode svc = standalone.one("Service");
        Map<String, Integer> servicePorts = new LinkedHashMap<>();
        for (JsonNode p : svc.path("spec").path("ports")) {
            servicePorts.put(p.path("name").asText(), p.path("port").asInt());
            assertEquals(
                    p.path("port").asInt(),
                    byName.get(p.path("targetPort").asText()),
                    "Service port " + p.path("name").asText() + " reaches the container port of the same number");
        }
        assertEquals(byName, servicePorts);
        JsonNode podLabels = standalone
                .one("Deployment")
                .path("spec")
                .path("template")
                .path("metadata")
                .path("labels");
        svc.path("spec")
                .path("selector")
                .fields()
                .forEachRemaining(e -> assertEquals(
                        e.getValue().asText(), podLabels.path(e.getKey()).asText(), "selector " + e.getKey()));

        JsonNode route = standalone.one("Route");
        assertEquals("route.openshift.io/v1", route.path("apiVersion").asText());
        assertEquals(
                Rendered.name(svc), route.path("spec").path("to").path("name").asText());
        assertEquals(
                "location", route.path("spec").path("port").path("targetPort").asText());
    }

    @Test
    void standaloneProbesUseTheHealthPort() {
        JsonNode c = standaloneContainer();
        int health = ports.get("normalizer");
        assertProbe(c.path("startupProbe"), "/q/health/live", health, "run");
        assertProbe(c.path("livenessProbe"), "/q/health/live", health, "run");
        assertProbe(c.path("readinessProbe"), "/q/health/ready", health, "run");
        assertResources(c, "run");
    }

    @Test
    void standaloneGrantsExactlyTheRbacTable() {
        for (JsonNode o : standalone.objects()) {
            String kind = o.path("kind").asText();
            boolean clusterScoped = kind.startsWith("Cluster") || kind.equals("Namespace");
            assertEquals(clusterScoped ? "" : STANDALONE_NS, Rendered.namespace(o), kind);
        }
        assertEquals(RbacTable.expected(), GrantedRbac.of(standalone, STANDALONE_NAME, STANDALONE_NS));
    }

    // ---- shared

    @Test
    void modelRegistryAccessBindsTheAccountsOfBothVariants() {
        JsonNode binding = Rendered.of("model-registry-access").one("RoleBinding");
        assertEquals("Role", binding.path("roleRef").path("kind").asText());
        assertTrue(
                binding.path("roleRef").path("name").asText().startsWith("registry-user-"),
                "the dashboard's per-registry Role");
        List<String> subjects = StreamSupport.stream(binding.path("subjects").spliterator(), false)
                .map(s -> s.path("kind").asText() + ":" + s.path("namespace").asText() + "/"
                        + s.path("name").asText())
                .toList();
        assertEquals(
                List.of(
                        "ServiceAccount:" + SIDECAR_NS + "/" + Rendered.name(sidecar.one("ServiceAccount")),
                        "ServiceAccount:" + STANDALONE_NS + "/" + Rendered.name(standalone.one("ServiceAccount"))),
                subjects);
    }

    @Test
    void anOverlayReplacesTheImageOfEveryRole(@TempDir Path overlay) throws Exception {
        for (String variant : List.of("sidecar", "standalone")) {
            Path dir = Files.createDirectories(overlay.resolve(variant));
            Path base = dir.relativize(Rendered.DEPLOY.resolve(variant).toAbsolutePath());
            Files.writeString(
                    dir.resolve("kustomization.yaml"),
                    "resources:\n  - " + base + "\n"
                            + "images:\n  - name: quay.io/redhat-ai-dev/model-catalog-bridge\n"
                            + "    newName: registry.example.com/me/bridge\n    newTag: \"1.2\"\n");
            Rendered r = Rendered.of(overlay.relativize(dir).toString(), dir);
            List<JsonNode> containers = variant.equals("sidecar")
                    ? containersOf(r).subList(1, 4)
                    : List.of(r.one("Deployment")
                            .path("spec")
                            .path("template")
                            .path("spec")
                            .path("containers")
                            .get(0));
            containers.forEach(c -> assertEquals(
                    "registry.example.com/me/bridge:1.2", c.path("image").asText()));
        }
    }

    // ---- image

    @Test
    void theJvmImageSizesTheJvmForASidecarAndShipsItsClassDataArchive() throws Exception {
        Map<String, String> env = ContainerSettings.imageEnv(Path.of("src/main/docker/Dockerfile.jvm"));
        assertEquals("-XX:+UseSerialGC", env.get("GC_CONTAINER_OPTIONS"), "serial GC for heaps of tens of MiB");
        assertFalse(env.containsKey("JAVA_OPTS"), "JAVA_OPTS would replace every option the launcher computes");
        assertNotNull(env.get("GC_MAX_METASPACE_SIZE"), "class metadata is bounded");
        List<String> append = List.of(env.get("JAVA_OPTS_APPEND").split("\\s+"));
        assertTrue(append.containsAll(NOT_FOR_LOCATION), append.toString());
        // The archive is the role's own, picked by the entry point (launch.sh), not one for every role.
        assertTrue(append.stream().noneMatch(o -> o.startsWith("-XX:SharedArchiveFile=")), append.toString());
        // Location's sidecar replaces the image's options to serve reads with C2 and to compile its pushes sooner
        // (thresholds x2, not x4): everything else stays.
        List<String> location = List.of(LOCATION_JAVA_OPTS_APPEND.split("\\s+"));
        assertFalse(location.contains("-XX:TieredStopAtLevel=1"), "location's reads are compiled by C2");
        assertTrue(append.contains("-XX:CompileThresholdScaling=4"), append.toString());
        assertEquals(
                append.stream()
                        .filter(o -> !NOT_FOR_LOCATION.contains(o))
                        .map(o -> o.startsWith("-XX:CompileThresholdScaling=") ? "-XX:CompileThresholdScaling=2" : o)
                        .toList(),
                location,
                "location keeps every other option of the image (young generation, native-heap trimming)");
        // The normalizer's sidecar changes only the young generation's sizing.
        List<String> normalizer = List.of(NORMALIZER_JAVA_OPTS_APPEND.split("\\s+"));
        assertEquals(
                append.stream().filter(o -> !o.equals("-Xmn4m")).toList(),
                normalizer.stream()
                        .filter(o -> !o.startsWith("-XX:NewSize=") && !o.startsWith("-XX:NewRatio="))
                        .toList(),
                "the normalizer keeps every other option of the image");
        String dockerfile = Files.readString(Path.of("src/main/docker/Dockerfile.jvm"));
        assertTrue(
                dockerfile.contains("train.sh /deployments /tmp/train/registry "
                        + "\"-XX:ArchiveClassesAtExit=/deployments/app-cds-{role}.jsa\""),
                "the image writes the archives it uses, one per role, with its own JVM");
        assertTrue(
                dockerfile.contains("ENTRYPOINT [ \"/deployments/launch.sh\" ]"), "the entry point picks the archive");
    }

    // ---- helpers

    static List<JsonNode> sidecarContainers() {
        return containersOf(sidecar);
    }

    static List<JsonNode> containersOf(Rendered r) {
        JsonNode list = r.one("Backstage")
                .path("spec")
                .path("deployment")
                .path("patch")
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers");
        return StreamSupport.stream(list.spliterator(), false).toList();
    }

    static JsonNode standaloneContainer() {
        return standalone
                .one("Deployment")
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
    }

    /** name -> literal value, or {@code fieldRef:<path>}. */
    static Map<String, String> env(JsonNode container) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode e : container.path("env")) {
            JsonNode ref = e.path("valueFrom").path("fieldRef").path("fieldPath");
            JsonNode secret = e.path("valueFrom").path("secretKeyRef");
            String value = !ref.isMissingNode()
                    ? "fieldRef:" + ref.asText()
                    : !secret.isMissingNode()
                            ? "secret:" + secret.path("name").asText() + "/"
                                    + secret.path("key").asText()
                            : e.path("value").asText();
            out.put(e.path("name").asText(), value);
        }
        return out;
    }

    static List<Integer> containerPorts(JsonNode container) {
        return StreamSupport.stream(container.path("ports").spliterator(), false)
                .map(p -> p.path("containerPort").asInt())
                .toList();
    }

    static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }

    static void assertProbe(JsonNode probe, String path, int port, String role) {
        assertFalse(probe.isMissingNode(), role + " has the probe");
        assertEquals(path, probe.path("httpGet").path("path").asText(), role);
        assertEquals(port, probe.path("httpGet").path("port").asInt(), role);
    }

    /**
     * The container's memory budget as the image's launcher turns it into a heap: requests and limits set, the heap
     * ({@code JAVA_MAX_MEM_RATIO} % of the limit) big enough for 10,000 documents, and the rest of the limit enough
     * for what the JVM needs beside the heap (class metadata, compiled code, threads: 70–90 MiB measured, see
     * docs/benchmarks.md) — a container that hits its limit is killed, whatever the heap says. At least one whole
     * CPU: the JVM sizes itself for the CPUs it sees, and a fractional limit throttles its start-up.
     */
    static void assertResources(JsonNode container, String role) {
        JsonNode res = container.path("resources");
        int request = mebibytes(res.path("requests").path("memory").asText());
        int limit = mebibytes(res.path("limits").path("memory").asText());
        assertTrue(
                request >= 128 && request <= limit, role + ": memory request " + request + "Mi, limit " + limit + "Mi");
        assertFalse(res.path("requests").path("cpu").isMissingNode(), role + " requests CPU");
        assertTrue(cpus(res.path("limits").path("cpu").asText()) >= 1, role + ": CPU limit of at least 1");
        String ratio = env(container).get("JAVA_MAX_MEM_RATIO");
        assertNotNull(ratio, role + " sets JAVA_MAX_MEM_RATIO (else the launcher gives the heap 80 % of the limit)");
        double heap = limit * Double.parseDouble(ratio) / 100;
        assertTrue(heap >= 96, role + ": heap " + heap + " MiB of " + limit + " MiB");
        assertTrue(limit - heap >= 128, role + ": " + (limit - heap) + " MiB of " + limit + " MiB beside the heap");
    }

    static double cpus(String quantity) {
        return quantity.endsWith("m")
                ? Integer.parseInt(quantity.substring(0, quantity.length() - 1)) / 1000.0
                : Double.parseDouble(quantity);
    }

    static int mebibytes(String quantity) {
        assertTrue(quantity.endsWith("Mi"), "memory in Mi: " + quantity);
        return Integer.parseInt(quantity.substring(0, quantity.length() - 2));
    }
}
