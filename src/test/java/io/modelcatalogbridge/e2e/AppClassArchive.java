package io.modelcatalogbridge.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A class-data-sharing archive of the packaged application, so the process-based tests start roles faster: made
 * once per build of the jar by starting storage with {@code -XX:ArchiveClassesAtExit} and stopping it when it is
 * ready, then mapped by every role JVM those tests start. On a 2-core machine a role starts in ~2.4 s instead of
 * ~3.4 s (2.6 instead of 4.3 CPU-seconds); ProcessFaultsIT alone starts roles more than 60 times. The archive is a
 * test speed-up only: when it cannot be made the roles start without it, and a stale one (another jar) is not used
 * because its name carries the jar's size and time.
 */
final class AppClassArchive {

    private AppClassArchive() {}

    /**
     * The JVM options that map the archive, making it first if this jar has none yet; none if that fails (a failure
     * is remembered beside the archive, so it costs one attempt per jar, not one per role start).
     */
    static synchronized List<String> jvmOptions() {
        Path jar = Path.of(ThreeProcessTopology.appJar());
        Path archive;
        try {
            archive = Path.of("target", "app-cds")
                    .toAbsolutePath()
                    .resolve("quarkus-run-" + Files.size(jar) + "-"
                            + Files.getLastModifiedTime(jar).toMillis() + ".jsa");
            Path failed = archive.resolveSibling(archive.getFileName() + ".failed");
            if (Files.exists(failed)) {
                return List.of();
            }
            if (!Files.isRegularFile(archive)) {
                try {
                    create(archive);
                } catch (IOException | RuntimeException e) {
                    Files.writeString(failed, String.valueOf(e.getMessage()));
                    throw e;
                }
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("AppClassArchive: roles start without a class archive: " + e.getMessage());
            return List.of();
        }
        // -Xshare:auto (the default) falls back to loading classes from the jar if the JVM refuses the archive;
        // cds logging off so such a refusal does not add warning lines to logs the tests read.
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /** Runs storage (File store in a scratch folder, loopback) to readiness and stops it: the JVM writes at exit. */
    private static void create(Path archive) throws IOException {
        Path scratch = Files.createDirectories(archive.resolveSibling("scratch"));
        Files.createDirectories(scratch.resolve("home"));
        Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        int port = ChildProcess.freePort();
        Map<String, String> env = ChildProcess.isolatedEnv(scratch);
        env.put("STORAGE_TYPE", "File");
        env.put("STORAGE_DIR", scratch.resolve("storage").toString());
        env.put("STORAGE_TOKEN", "class-archive");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ChildProcess.roleJvmOptions(scratch));
        cmd.addAll(List.of("-XX:ArchiveClassesAtExit=" + partial, "-Xlog:cds=off"));
        cmd.addAll(List.of("-jar", ThreeProcessTopology.appJar(), "storage", "--port", Integer.toString(port)));
        ChildProcess storage = ChildProcess.start("class-archive-storage", cmd, env, Path.of("."));
        try {
            ChainProbe.awaitReady("http://127.0.0.1:" + port + "/q/health/ready", storage);
        } finally {
            // The JVM writes the archive on its way out after SIGTERM: seconds on a busy machine.
            storage.stop(Duration.ofSeconds(60));
        }
        if (!Files.isRegularFile(partial) || Files.size(partial) == 0) {
            throw new UncheckedIOException(
                    new IOException("the JVM wrote no archive; see " + ChildProcess.logFile("class-archive-storage")));
        }
        Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
    }
}
