package io.modelcatalogbridge.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RBAC table is exactly what the code calls: a new fabric8 call (another verb, another resource) fails here
 * until {@link RbacTable}, deploy/base/rbac.yaml and docs/deploy.md say why it is needed; a grant the code no
 * longer uses fails here too, so the manifests stay least-privilege.
 */
class RbacMatchesCodeTest {

    static final Path MAIN = Path.of("src/main/java");

    @Test
    void everyKubernetesCallIsOneTheScannerUnderstands() {
        KubernetesCalls.Result r = KubernetesCalls.scan(MAIN);
        assertTrue(
                r.unknown().isEmpty(),
                "Kubernetes calls on resources missing from the RBAC scan; add them to "
                        + "KubernetesCalls and RbacTable: " + r.unknown());
    }

    @Test
    void theRbacTableGrantsExactlyTheVerbsTheCodeSends() {
        KubernetesCalls.Result r = KubernetesCalls.scan(MAIN);
        assertEquals(RbacTable.verbsByResource(), r.verbs(), "verbs per resource; calls found in " + r.sources());
    }

    @Test
    void theScannerTranslatesCallShapesIntoApiVerbs(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("X.java"), """
                import io.fabric8.kubernetes.client.KubernetesClient;
                class X {
                  static final ResourceDefinitionContext R = new ResourceDefinitionContext.Builder()
                      .withGroup("route.openshift.io").withPlural("routes").build();
                  void a() { client.configMaps().inNamespace(ns).withName(n).edit(c -> c); } // edit: get + patch
                  void b() { client.services().inAnyNamespace().inform(h, 0); }
                  /* client.serviceAccounts().inNamespace(ns).delete(); is only a comment */
                  void c() { String u = "http://x"; client.pods().inNamespace(ns).list(); }
                  void d() { client.genericKubernetesResources(R).inNamespace(ns).withName(n).get(); }
                }
                """);
        KubernetesCalls.Result r = KubernetesCalls.scan(dir);
        assertEquals(
                Map.of(
                        "core/configmaps",
                        Set.of("get", "patch"),
                        "core/services",
                        Set.of("list", "watch"),
                        "route.openshift.io/routes",
                        Set.of("get")),
                r.verbs());
        assertEquals(1, r.unknown().size(), "the pods() call is reported: " + r.unknown());
        assertTrue(r.unknown().get(0).contains("client.pods()"), r.unknown().get(0));
    }
}
