package io.modelcatalogbridge;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.modelcatalogbridge.role.RoleName;
import io.modelcatalogbridge.role.RolePaths;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The package layers of docs/architecture.md, checked on the compiled production classes: a forbidden dependency
 * fails the build naming the class and the line.
 */
@AnalyzeClasses(packages = "io.modelcatalogbridge", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String BRIDGE = "io.modelcatalogbridge..";

    @ArchTest
    static final ArchRule modelIsALeaf = classes()
            .that()
            .resideInAPackage("io.modelcatalogbridge.model..")
            .should()
            .onlyDependOnClassesThat(
                    resideInAPackage("io.modelcatalogbridge.model..").or(resideOutsideOfPackage(BRIDGE)))
            .because("model holds the normalized records and pure rules everyone may use");

    @ArchTest
    static final ArchRule renderIsALeafAboveModel = classes()
            .that()
            .resideInAPackage("io.modelcatalogbridge.render..")
            .should()
            .onlyDependOnClassesThat(resideInAnyOf("render", "model").or(resideOutsideOfPackage(BRIDGE)))
            .because("a renderer is a pure function from model records to bytes");

    @ArchTest
    static final ArchRule sourcesReadOnlyModelAndKubernetesAccess = classes()
            .that()
            .resideInAPackage("io.modelcatalogbridge.source..")
            .should()
            .onlyDependOnClassesThat(
                    resideInAnyOf("source", "model", "kube", "net").or(resideOutsideOfPackage(BRIDGE)))
            .because("sources are the edge of the pipeline: they produce records; sync, storage and serving sit above");

    @ArchTest
    static final ArchRule kubernetesAccessIsALeaf = classes()
            .that()
            .resideInAPackage("io.modelcatalogbridge.kube..")
            .should()
            .onlyDependOnClassesThat(
                    resideInAPackage("io.modelcatalogbridge.kube..").or(resideOutsideOfPackage(BRIDGE)))
            .because("storage and the normalizer share Kubernetes access; it must pull in neither");

    @ArchTest
    static final ArchRule httpClientConnectionsAreALeaf = classes()
            .that()
            .resideInAPackage("io.modelcatalogbridge.net..")
            .should()
            .onlyDependOnClassesThat(
                    resideInAPackage("io.modelcatalogbridge.net..").or(resideOutsideOfPackage(BRIDGE)))
            .because(
                    "the registry reader and the storage client share how they open a request; it must pull in neither");

    @ArchTest
    static final ArchRule kfmrImportsNoOtherSource = noClasses()
            .that()
            .resideInAPackage("io.modelcatalogbridge.source.kfmr..")
            .should()
            .dependOnClassesThat(resideInAPackage("io.modelcatalogbridge.source..")
                    .and(not(resideInAPackage("io.modelcatalogbridge.source.kfmr.."))))
            .because("source adapters are independent; sync joins registry versions to KServe deployments");

    @ArchTest
    static final ArchRule kserveImportsNoOtherSource = noClasses()
            .that()
            .resideInAPackage("io.modelcatalogbridge.source.kserve..")
            .should()
            .dependOnClassesThat(resideInAPackage("io.modelcatalogbridge.source..")
                    .and(not(resideInAPackage("io.modelcatalogbridge.source.kserve.."))))
            .because("source adapters are independent; sync joins registry versions to KServe deployments");

    @ArchTest
    static final ArchRule snapshotsDoNotReachBackIntoDiscovery = noClasses()
            .that()
            .resideInAPackage("io.modelcatalogbridge.source.snapshot..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.modelcatalogbridge.source")
            .because("a snapshot records what the adapters read; discovery decides which snapshots to read");

    @ArchTest
    static final ArchRule locationDoesNotImportPersistence = noClasses()
            .that()
            .resideInAPackage("io.modelcatalogbridge.serve.location..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.modelcatalogbridge.store..")
            .because("location reaches storage through its API (storageapi) only");

    @ArchTest
    static final ArchRule theNormalizerReachesStorageThroughItsApi = noClasses()
            .that()
            .resideInAPackage("io.modelcatalogbridge.sync..")
            .should()
            .dependOnClassesThat(resideInAnyOf("store", "serve"))
            .because("the normalizer sends documents through storageapi, over HTTP or in process alike");

    @ArchTest
    static final ArchRule storageServiceDoesNotImportLocation = noClasses()
            .that()
            .resideInAPackage("io.modelcatalogbridge.serve.storage..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.modelcatalogbridge.serve.location..")
            .because("storage reaches location over HTTP (or through a listener run supplies); role wires them");

    @ArchTest
    static final ArchRule locationServiceDoesNotImportStorage = noClasses()
            .that()
            .resideInAPackage("io.modelcatalogbridge.serve.location..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.modelcatalogbridge.serve.storage..")
            .because("location reads storage through storageapi, whether storage runs apart or in process");

    @ArchTest
    static final ArchRule storageApiKnowsNothingOfPersistenceOrServers = noClasses()
            .that()
            .resideInAPackage("io.modelcatalogbridge.storageapi..")
            .should()
            .dependOnClassesThat(resideInAnyOf("store", "serve", "sync", "role", "source"))
            .because("the API is what clients see; how storage persists is not part of it");

    @ArchTest
    static final ArchRule persistenceKnowsNothingOfTheApi = noClasses()
            .that()
            .resideInAPackage("io.modelcatalogbridge.store..")
            .should()
            .dependOnClassesThat(resideInAnyOf("storageapi", "serve", "sync", "role", "source", "render"))
            .because("backends persist records; the API and the roles sit on top");

    @ArchTest
    static final ArchRule sharedHttpPiecesKnowNoRole = noClasses()
            .that()
            .resideInAPackage("io.modelcatalogbridge.serve.http..")
            .should()
            .dependOnClassesThat(resideInAnyOf("store", "storageapi", "serve.storage", "serve.location", "role"))
            .because("serve/http is shared by every role");

    @ArchTest
    static final ArchRule nothingImportsCli = noClasses()
            .that()
            .resideOutsideOfPackage("io.modelcatalogbridge.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.modelcatalogbridge.cli..")
            .because("commands are the outermost shell");

    @ArchTest
    static final ArchRule onlyCommandsUseTheRoles = noClasses()
            .that()
            .resideOutsideOfPackages("io.modelcatalogbridge.cli..", "io.modelcatalogbridge.role..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.modelcatalogbridge.role..")
            .because("roles wire the capability packages; the capabilities do not know which role runs them");

    @ArchTest
    static final ArchRule topLevelPackagesHaveNoCycles =
            slices().matching("io.modelcatalogbridge.(*)..").should().beFreeOfCycles();

    /** The package that holds each role's HTTP resources. */
    private static final Map<String, RoleName> RESOURCE_OWNERS = Map.of(
            "io.modelcatalogbridge.serve.storage", RoleName.STORAGE,
            "io.modelcatalogbridge.serve.location", RoleName.LOCATION,
            "io.modelcatalogbridge.sync", RoleName.NORMALIZER);

    /**
     * The role names in the resources' {@code @Path}s are the role's own: {@code role/RolePaths} sends a role's port
     * to {@code /<role name>}, so a resource mounted anywhere else would be unreachable, or reachable on another
     * role's port. (The annotations name {@code serve/http/RoleNames}; this checks each names its own package's role.)
     */
    @ArchTest
    static void everyResourceSitsUnderThePrefixOfTheRoleThatServesIt(JavaClasses classes) {
        List<String> misplaced = new ArrayList<>();
        for (JavaClass c : classes) {
            if (!c.isAnnotatedWith(Path.class)) {
                continue;
            }
            String path = c.getAnnotationOfType(Path.class).value();
            Optional<String> prefix = RESOURCE_OWNERS.entrySet().stream()
                    .filter(e -> c.getPackageName().equals(e.getKey())
                            || c.getPackageName().startsWith(e.getKey() + "."))
                    .map(e -> RolePaths.prefixOf(e.getValue()))
                    .findFirst();
            if (prefix.isEmpty() || !(path.equals(prefix.get()) || path.startsWith(prefix.get() + "/"))) {
                misplaced.add(c.getName() + " @Path(\"" + path + "\"), expected under "
                        + prefix.orElse("the prefix of a role (no role serves " + c.getPackageName() + ")"));
            }
        }
        assertEquals(List.of(), misplaced);
    }

    /**
     * Writing the JSON key {@code "error"}: a call given it as a key ({@code put("error", m)}, {@code Map.of("error",
     * m)}, {@code writeStringField("error", m)}), an {@code "error"} field name in a hand-made JSON string, or a
     * component renamed to it. Reading the key ({@code get("error")}) is not building a body.
     */
    private static final Pattern BUILDS_AN_ERROR_BODY =
            Pattern.compile("\\(\\s*\"error\"\\s*,|\\\\\"error\\\\\"|@JsonProperty\\(\\s*\"error\"");

    private static final String ERROR_BODY_BUILDER = "io.modelcatalogbridge.serve.http.JsonErrors";

    /**
     * Errors have one JSON shape built in one place (issue 12): every {@code {"error": ...}} body comes from
     * {@code serve/http/JsonErrors} ({@code error} for JAX-RS, {@code json} for the Vert.x guards). The compiled
     * classes cannot show which key a string constant becomes, so this rule reads the source of every production
     * class.
     */
    @ArchTest
    static void errorBodiesAreBuiltOnlyByJsonErrors(JavaClasses classes) throws IOException {
        SortedSet<String> offenders = new TreeSet<>();
        for (JavaClass c : classes) {
            if (!c.isTopLevelClass() || c.getName().equals(ERROR_BODY_BUILDER)) {
                continue;
            }
            var source = Paths.get(
                    "src/main/java",
                    c.getPackageName().replace('.', '/'),
                    c.getSourceCodeLocation().getSourceFileName());
            String[] lines = Files.readString(source).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (BUILDS_AN_ERROR_BODY.matcher(lines[i]).find()) {
                    offenders.add(source + ":" + (i + 1) + ": " + lines[i].strip());
                }
            }
        }
        assertEquals(
                Set.of(), offenders, "build error bodies with JsonErrors.error(status, message) or .json(message)");
    }

    private static DescribedPredicate<JavaClass> resideInAnyOf(String... packages) {
        String[] full = new String[packages.length];
        for (int i = 0; i < packages.length; i++) {
            full[i] = "io.modelcatalogbridge." + packages[i] + "..";
        }
        return resideInAnyPackage(full);
    }
}
