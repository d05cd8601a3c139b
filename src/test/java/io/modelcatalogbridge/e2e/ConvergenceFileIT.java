package io.modelcatalogbridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** {@link ConvergenceScenario} with the File store: files deleted, the folder wiped or restored from a copy. */
class ConvergenceFileIT extends ConvergenceScenario {

    @Override
    protected Backend newBackend(Path work) {
        return new FileBackend(work.resolve("storage"), work.resolve("backups"));
    }

    private static final class FileBackend implements Backend {
        private final ObjectMapper json = new ObjectMapper();
        private final Path dir;
        private final Path backups;
        private int backupCount;

        FileBackend(Path dir, Path backups) {
            this.dir = dir;
            this.backups = backups;
        }

        @Override
        public Map<String, String> storageEnv() {
            return Map.of("STORAGE_TYPE", "File", "STORAGE_DIR", dir.toString());
        }

        @Override
        public void wipe() {
            try {
                deleteTree(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Set<String> deleteHolderOf(String key) {
            try {
                Files.delete(fileOf(key));
                return Set.of(key);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Runnable backup() {
            Path copy = backups.resolve("backup-" + (++backupCount));
            copyFiles(dir, copy);
            return () -> {
                wipe();
                copyFiles(copy, dir);
            };
        }

        @Override
        public void setStoredTime(String key, String time) {
            try {
                Path f = fileOf(key);
                JsonNode entry = json.readTree(f.toFile());
                ((ObjectNode) entry.path("record")).put("lastUpdateTimeSinceEpoch", time);
                Files.write(f, json.writeValueAsBytes(entry));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The file whose entry names {@code key} (file names are derived from keys; the entry is the truth). */
        private Path fileOf(String key) throws IOException {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                    if (key.equals(json.readTree(f.toFile()).path("key").asText())) {
                        return f;
                    }
                }
            }
            throw new AssertionError("no file holds " + key + " in " + dir);
        }

        private static void copyFiles(Path from, Path to) {
            try {
                Files.createDirectories(to);
                try (Stream<Path> files = Files.list(from)) {
                    for (Path f : files.toList()) {
                        Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {}
    }
}
