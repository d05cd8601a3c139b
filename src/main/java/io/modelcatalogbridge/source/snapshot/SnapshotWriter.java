package io.modelcatalogbridge.source.snapshot;

import static io.modelcatalogbridge.source.snapshot.SnapshotLayout.*;

import io.modelcatalogbridge.source.kfmr.CatalogModel;
import io.modelcatalogbridge.source.kfmr.KfmrException;
import io.modelcatalogbridge.source.kfmr.KfmrJson;
import io.modelcatalogbridge.source.kfmr.ModelArtifact;
import io.modelcatalogbridge.source.kfmr.ModelVersion;
import io.modelcatalogbridge.source.kfmr.PagedList;
import io.modelcatalogbridge.source.kfmr.RegistryContents;
import io.modelcatalogbridge.source.kserve.KServeObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Writes a {@link RegistrySnapshot} in the {@link SnapshotDirectory} layout, via a temporary directory. */
final class SnapshotWriter {

    private SnapshotWriter() {}

    static void write(Path target, RegistrySnapshot snapshot) {
        Path dir = target.toAbsolutePath().normalize();
        Path parent = dir.getParent();
        if (parent == null) {
            throw new KfmrException("cannot write a snapshot to the file system root");
        }
        Path tmp = null;
        try {
            refuseToClobber(dir);
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + dir.getFileName() + ".tmp-");
            writeFiles(tmp, snapshot);
            swapInto(tmp, dir);
            tmp = null;
        } catch (IOException | UncheckedIOException e) {
            throw new KfmrException("cannot write snapshot " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    private static void refuseToClobber(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new KfmrException("cannot write snapshot " + dir + ": it is a file");
        }
        if (Files.isDirectory(dir) && !Files.isRegularFile(dir.resolve(REGISTERED_MODELS))) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new KfmrException("refusing to replace " + dir
                            + ": it is a non-empty directory that is not a registry snapshot");
                }
            }
        }
    }

    private static void writeFiles(Path root, RegistrySnapshot snapshot) throws IOException {
        RegistryContents c = snapshot.registry();
        put(root, REGISTRY, Map.of("id", c.registryId()));
        putList(root, REGISTERED_MODELS, c.registeredModels());
        Map<String, List<ModelVersion>> byModel = new TreeMap<>(ID_ORDER);
        for (ModelVersion v : c.modelVersions()) {
            if (v.registeredModelId() == null) {
                throw new KfmrException("model version " + v.id() + " has no registeredModelId");
            }
            byModel.computeIfAbsent(safeSegment(v.registeredModelId(), "registered model id"), k -> new ArrayList<>())
                    .add(v);
        }
        for (Map.Entry<String, List<ModelVersion>> e : byModel.entrySet()) {
            List<ModelVersion> versions = new ArrayList<>(e.getValue());
            versions.sort(Comparator.comparing(ModelVersion::id, ID_ORDER));
            putList(root, REGISTERED_MODELS_DIR + "/" + e.getKey() + "/" + VERSIONS, versions);
        }
        for (Map.Entry<String, List<ModelArtifact>> e : new TreeMap<>(c.artifactsByVersion()).entrySet()) {
            String mvId = safeSegment(e.getKey(), "model version id");
            putList(root, MODEL_VERSIONS_DIR + "/" + mvId + "/" + ARTIFACTS, e.getValue());
        }
        putList(root, INFERENCE_SERVICES, c.inferenceServices());
        putList(root, SERVING_ENVIRONMENTS, c.servingEnvironments());
        for (CatalogModel m : c.catalogModels()) {
            put(root, catalogPath(m), m);
        }
        KServeObjects k = snapshot.kserve();
        putKube(root, KSERVE_ISVC, k.inferenceServices());
        putKube(root, KSERVE_LLMISVC, k.llmInferenceServices());
        putKube(root, KSERVE_SERVICES, k.services());
        putKube(root, KSERVE_SERVICE_ACCOUNTS, k.serviceAccounts());
    }

    private static String catalogPath(CatalogModel m) {
        if (m.sourceId() == null || m.name() == null) {
            throw new KfmrException("catalog model " + m.name() + " has no source id or name");
        }
        StringBuilder path = new StringBuilder(CATALOG_SOURCES_DIR)
                .append('/')
                .append(safeSegment(m.sourceId(), "catalog source id"))
                .append('/')
                .append(CATALOG_MODELS_DIR);
        for (String part : m.name().split("/", -1)) {
            path.append('/').append(safeSegment(part, "catalog model name part"));
        }
        return path.append(".json").toString();
    }

    /** A KFMR list envelope as the server sends it for an unpaged request. */
    private static <T> void putList(Path root, String relative, List<T> items) throws IOException {
        put(root, relative, new PagedList<>(items, "", 0, items.size()));
    }

    /** KServe lists are optional: an empty one is not written. */
    private static <T> void putKube(Path root, String fileName, List<T> items) throws IOException {
        if (!items.isEmpty()) {
            put(root, KSERVE_DIR + "/" + fileName, KubeList.of(items));
        }
    }

    private static void put(Path root, String relative, Object value) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, KfmrJson.writePretty(value));
    }

    /** Moves the finished temp directory into place; an old snapshot is moved aside first and deleted after. */
    private static void swapInto(Path tmp, Path dir) throws IOException {
        Path old = null;
        if (Files.exists(dir)) {
            old = dir.resolveSibling("." + dir.getFileName() + ".old-" + Long.toHexString(System.nanoTime()));
            move(dir, old);
        }
        try {
            move(tmp, dir);
        } catch (IOException e) {
            if (old != null) {
                move(old, dir);
            }
            throw e;
        }
        if (old != null) {
            deleteQuietly(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // Leftover temp files are harmless; the snapshot itself is complete or untouched.
        }
    }
}
