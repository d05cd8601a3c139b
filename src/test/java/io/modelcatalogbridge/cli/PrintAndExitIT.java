package io.modelcatalogbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.testing.AppProcess;
import io.modelcatalogbridge.testing.RecordingStorage;
import io.modelcatalogbridge.testing.StubModelRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --help} and {@code --version} on every command of the packaged application only print and exit 0: no
 * listener (the ports it would use are held by this test, so binding one would fail the launch), no files in the
 * working directory (the File store's {@code bridge-data}), no registry read, no storage call. Found in a live
 * container, where {@code storage --help} started the role and {@code normalizer --help} posted a key set.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrintAndExitIT {

    private StubModelRegistry registry;
    private RecordingStorage storage;

    @BeforeAll
    void startStubs() {
        registry = StubModelRegistry.start(Path.of("examples/registry-snapshot"));
        storage = RecordingStorage.start();
    }

    @AfterAll
    void stopStubs() {
        registry.close();
        storage.close();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "normalizer, --help",
        "normalizer, --version",
        "storage, --help",
        "storage, --version",
        "location, -h",
        "location, --version",
        "run, --help",
        "run, -V",
        "export, --help",
        "export, --version",
        "validate, --help",
        "validate, --version",
    })
    void printsAndExitsZeroWithoutStartingAnything(String command, String flag, @TempDir Path workDir)
            throws Exception {
        registry.resetRequests();
        storage.resetCalls();
        Launch l = launch(workDir, command, flag);
        assertEquals(0, l.exitCode(), l.output());
        if (flag.equals("--version") || flag.equals("-V")) {
            assertTrue(l.stdout().strip().matches("model-catalog-bridge \\S+"), "version line: " + l.stdout());
        } else {
            assertTrue(l.stdout().startsWith("Usage: model-catalog-bridge " + command), l.stdout());
        }
        try (Stream<Path> files = Files.list(workDir)) {
            assertEquals(List.of(), files.toList(), "files created in the working directory");
        }
        assertEquals(List.of(), registry.requests(), "registry read");
        assertEquals(List.of(), storage.calls(), "storage called");
    }

    /** The control: without --help the same launch tries to listen on the held port and fails. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"storage", "location"})
    void withoutHelpTheRoleReallyStartsAndTheHeldPortMakesItFail(String command, @TempDir Path workDir)
            throws Exception {
        Launch l = launch(workDir, command);
        assertNotEquals(0, l.exitCode(), l.output());
        assertTrue(l.output().contains("in use"), l.output());
    }

    /**
     * A role launch with an option the role does not have still reaches picocli, which names it and exits 2 (plain
     * role launches skip picocli; this one is not plain). The ports are free here: the role starts first.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"storage, --bogus", "normalizer, --registry=examples/registry-snapshot", "location, --bogus=1"})
    void anOptionTheRoleDoesNotHaveIsReportedAndExitsNonZero(String command, String flag, @TempDir Path workDir)
            throws Exception {
        Launch l = launch(workDir, false, command, flag);
        assertEquals(2, l.exitCode(), l.output());
        assertTrue(l.output().contains("Unknown option") || l.output().contains("Invalid value"), l.output());
    }

    record Launch(int exitCode, String stdout, String output) {}

    private Launch launch(Path workDir, String command, String... flags) throws Exception {
        return launch(workDir, true, command, flags);
    }

    /** @param holdPorts whether the role's ports are held by this test (a role that starts then fails to listen) */
    private Launch launch(Path workDir, boolean holdPorts, String command, String... flags) throws Exception {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int port = holdPorts ? hold(held) : AppProcess.freePort();
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1",
                    "-jar",
                    Path.of(System.getProperty("app.jar")).toAbsolutePath().toString(),
                    command));
            cmd.addAll(List.of(flags));
            if (!command.equals("export") && !command.equals("validate")) {
                cmd.addAll(List.of("--port", Integer.toString(port)));
            }
            if (command.equals("run")) {
                cmd.addAll(List.of("--storage-port", Integer.toString(hold(held))));
                cmd.addAll(List.of("--normalizer-port", Integer.toString(hold(held))));
            }
            Path out = Files.createTempFile("print-and-exit", ".out");
            Path err = Files.createTempFile("print-and-exit", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .directory(workDir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
            pb.environment().put("MODEL_REGISTRY_URLS", "example=" + registry.url());
            pb.environment().put("STORAGE_URL", storage.url());
            pb.environment().put("STORAGE_TYPE", "File");
            pb.environment()
                    .put(
                            "KUBECONFIG",
                            workDir.resolveSibling("no-such-kubeconfig").toString());
            pb.environment().remove("KUBERNETES_SERVICE_HOST");
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(command + " " + String.join(" ", flags) + " did not exit:\n"
                        + Files.readString(out) + Files.readString(err));
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            Files.delete(out);
            Files.delete(err);
            return new Launch(p.exitValue(), stdout, stdout + stderr);
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    /** Binds a free port on 127.0.0.1 and keeps it bound, so the application cannot listen on it. */
    private static int hold(List<ServerSocket> held) throws IOException {
        int port = AppProcess.freePort();
        ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
        held.add(s);
        return port;
    }
}
