package io.modelcatalogbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.source.snapshot.SnapshotDirectory;
import io.modelcatalogbridge.testing.StubModelRegistry;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code export} and {@code validate} as a user runs them: exit codes, files written, one-line errors. */
@QuarkusMainTest
class ExportCommandTest {

    static final Path EXAMPLE = Path.of("examples/registry-snapshot");

    @ParameterizedTest
    @ValueSource(strings = {"JsonArrayFormat", "CatalogInfoYamlFormat"})
    void exportedExampleDocumentsAllValidate(String format, @TempDir Path out, QuarkusMainLauncher launcher)
            throws IOException {
        LaunchResult export = launcher.launch(
                "export", "--registry", EXAMPLE.toString(), "--format", format, "--out", out.toString());
        assertEquals(0, export.exitCode(), export.getErrorOutput());
        List<Path> files = files(out);
        String fileName = format.equals("JsonArrayFormat") ? "model-catalog.json" : "catalog-info.yaml";
        assertTrue(files.size() >= 4, "documents written: " + files);
        assertTrue(files.stream().allMatch(f -> f.getFileName().toString().equals(fileName)), files.toString());
        assertTrue(files.contains(out.resolve("mnist/v1/" + fileName)), "Go-era layout <rm>/<mv>/<file>: " + files);
        assertFalse(
                files.stream()
                        .anyMatch(f ->
                                f.toString().contains("/v2/") && f.toString().contains("mnist")),
                "the archived mnist v2 is not exported");

        LaunchResult validate = launcher.launch(
                Stream.concat(Stream.of("validate"), files.stream().map(Path::toString))
                        .toArray(String[]::new));
        assertEquals(0, validate.exitCode(), validate.getOutput() + validate.getErrorOutput());
    }

    @Test
    void exportToStdoutIsOneJsonArrayAndDeterministic(QuarkusMainLauncher launcher) {
        LaunchResult first = launcher.launch("export", "--registry", EXAMPLE.toString());
        LaunchResult second = launcher.launch("export", "--registry", EXAMPLE.toString());
        assertEquals(0, first.exitCode(), first.getErrorOutput());
        assertTrue(first.getOutput().startsWith("["), first.getOutput());
        assertTrue(first.getOutput().contains("\"modelServer\""));
        assertEquals(first.getOutput(), second.getOutput(), "same snapshot, same bytes");
    }

    @Test
    void malformedSnapshotFileExitsTwoNamingFileAndPosition(@TempDir Path dir, QuarkusMainLauncher launcher)
            throws IOException {
        copyTree(EXAMPLE, dir);
        Files.writeString(dir.resolve("registered_models.json"), "{\"items\": [ {\"id\": \"1\",, } ]}");
        LaunchResult r = launcher.launch("export", "--registry", dir.toString());
        assertEquals(2, r.exitCode());
        String err = r.getErrorOutput().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains("registered_models.json") && err.contains("line 1") && err.contains("column"), err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
    }

    @Test
    void registryThatIsNeitherAUrlNorASnapshotIsAUsageError(@TempDir Path dir, QuarkusMainLauncher launcher) {
        LaunchResult r =
                launcher.launch("export", "--registry", dir.resolve("missing").toString());
        assertEquals(2, r.exitCode());
        assertOneErrorLine(r, "snapshot directory");
    }

    @Test
    void aNamedSnapshotIsExportedUnderThatRegistryName(@TempDir Path dir, QuarkusMainLauncher launcher) {
        // Two snapshots of registries with the same models: the names keep their documents apart.
        LaunchResult r = launcher.launch(
                "export", "--registry", "east=" + EXAMPLE, "--registry", "west=" + EXAMPLE, "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.getErrorOutput());
        assertTrue(Files.exists(dir.resolve("mnist/v1/model-catalog.json")), "first registry keeps the plain key");
        assertTrue(
                Files.exists(dir.resolve("-mnist--west/v1/model-catalog.json")),
                "second registry's document is qualified with its name: " + r.getErrorOutput());
    }

    @Test
    void unknownFormatIsAUsageError(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("export", "--registry", EXAMPLE.toString(), "--format", "Xml");
        assertEquals(2, r.exitCode());
        assertTrue(r.getErrorOutput().contains("unknown format 'Xml'"), r.getErrorOutput());
        assertTrue(r.getErrorOutput().contains("JsonArrayFormat"), r.getErrorOutput());
    }

    @Test
    void registryThatRefusesConnectionsGivesOneClearLine(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("export", "--registry", "http://127.0.0.1:1", "--page-size", "5");
        assertNotEquals(0, r.exitCode());
        assertOneErrorLine(r, "127.0.0.1:1");
    }

    @Test
    void registryAnswering401GivesOneClearLine(QuarkusMainLauncher launcher) throws Exception {
        try (StubModelRegistry stub = StubModelRegistry.start(EXAMPLE)) {
            stub.requireToken("right-token");
            LaunchResult r = launcher.launch("export", "--registry", stub.url());
            assertNotEquals(0, r.exitCode());
            assertOneErrorLine(r, "401");
        }
    }

    @Test
    void registryAnswering500GivesOneClearLine(QuarkusMainLauncher launcher) throws Exception {
        try (StubModelRegistry stub = StubModelRegistry.start(EXAMPLE)) {
            stub.faults().failAlways("/registered_models", 500);
            LaunchResult r = launcher.launch("export", "--registry", stub.url());
            assertNotEquals(0, r.exitCode());
            assertOneErrorLine(r, "500");
        }
    }

    @Test
    void liveExportMatchesSnapshotExportAndSavesASnapshot(@TempDir Path tmp, QuarkusMainLauncher launcher)
            throws Exception {
        try (StubModelRegistry stub = StubModelRegistry.start(EXAMPLE)) {
            Path saved = tmp.resolve("saved");
            LaunchResult live = launcher.launch(
                    "export",
                    "--registry",
                    "registry-snapshot=" + stub.url(),
                    "--catalog-url",
                    stub.url(),
                    "--page-size",
                    "2",
                    "--save-snapshot",
                    saved.toString(),
                    "--out",
                    tmp.resolve("live").toString());
            assertEquals(0, live.exitCode(), live.getErrorOutput());
            assertTrue(
                    stub.requests().stream().anyMatch(q -> "2".equals(q.query().get("pageSize"))));
            assertEquals(
                    SnapshotDirectory.read(EXAMPLE)
                            .registry()
                            .registeredModels()
                            .size(),
                    SnapshotDirectory.read(saved).registry().registeredModels().size());
            // KServe objects are not read over KFMR REST, so compare only documents without a KServe-only source.
            assertTrue(Files.exists(tmp.resolve("live/mnist/v1/model-catalog.json")));
        }
    }

    @Test
    void validateReportsFilePointerAndReasonAndExitsOne(@TempDir Path dir, QuarkusMainLauncher launcher)
            throws IOException {
        Path bad = dir.resolve("model-catalog.json");
        Files.writeString(bad, "{\"models\": [{\"name\": \"m\", \"owner\": \"o\", \"lifecycle\": \"l\"}]}");
        LaunchResult r = launcher.launch("validate", bad.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.getOutput().contains(bad + ": /models/0"), r.getOutput());
        assertTrue(r.getOutput().contains("description"), r.getOutput());
    }

    @Test
    void validateOfAMissingPathIsOneLineAndExitTwo(@TempDir Path dir, QuarkusMainLauncher launcher) {
        Path missing = dir.resolve("nonexistent");
        LaunchResult r = launcher.launch("validate", missing.toString());
        assertEquals(2, r.exitCode());
        assertEquals(
                "validate: " + missing + ": no such file or directory",
                r.getErrorOutput().strip());
        assertEquals("", r.getOutput().strip());
    }

    @Test
    void validateOfADirectoryWithoutCatalogFilesFails(@TempDir Path dir, QuarkusMainLauncher launcher)
            throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "not a catalog file");
        LaunchResult r = launcher.launch("validate", dir.toString());
        assertEquals(2, r.exitCode());
        assertEquals(
                "validate: " + dir + ": no catalog files in this directory (looked for *.json, *.yaml, *.yml)",
                r.getErrorOutput().strip());
    }

    @Test
    void everySubcommandPrintsTheVersion(QuarkusMainLauncher launcher) {
        for (String c : List.of("normalizer", "storage", "location", "run", "export", "validate")) {
            LaunchResult v = launcher.launch(c, "--version");
            assertEquals(0, v.exitCode(), c);
            assertTrue(v.getOutput().startsWith("model-catalog-bridge "), c + ": " + v.getOutput());
        }
    }

    @Test
    void helpListsEveryCommand(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("--help");
        assertEquals(0, r.exitCode());
        for (String c : List.of("normalizer", "storage", "location", "export", "validate")) {
            assertTrue(r.getOutput().contains(c), c + " in " + r.getOutput());
        }
        LaunchResult v = launcher.launch("--version");
        assertEquals(0, v.exitCode());
        assertTrue(v.getOutput().startsWith("model-catalog-bridge "), v.getOutput());
    }

    private static void assertOneErrorLine(LaunchResult r, String mustContain) {
        String err = r.getErrorOutput().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("error: ") && err.contains(mustContain), err);
        assertFalse(err.contains("Exception\n") || err.contains("\tat "), err);
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.write(target, Files.readAllBytes(p));
                }
            }
        }
    }
}
