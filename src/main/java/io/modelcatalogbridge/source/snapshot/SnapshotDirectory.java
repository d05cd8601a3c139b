package io.modelcatalogbridge.source.snapshot;

import static io.modelcatalogbridge.source.snapshot.SnapshotLayout.*;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.modelcatalogbridge.source.kfmr.CatalogModel;
import io.modelcatalogbridge.source.kfmr.InferenceService;
import io.modelcatalogbridge.source.kfmr.KfmrException;
import io.modelcatalogbridge.source.kfmr.KfmrFormatException;
import io.modelcatalogbridge.source.kfmr.KfmrJson;
import io.modelcatalogbridge.source.kfmr.ModelArtifact;
import io.modelcatalogbridge.source.kfmr.ModelVersion;
import io.modelcatalogbridge.source.kfmr.RegisteredModel;
import io.modelcatalogbridge.source.kfmr.RegistryContents;
import io.modelcatalogbridge.source.kfmr.ServingEnvironment;
import io.modelcatalogbridge.source.kserve.KServeObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A registry snapshot on disk: the KFMR REST responses under the API's own paths (one list envelope per file),
 * optional catalog models and KServe objects. {@code export --save-snapshot} writes one, tests and
 * {@code --from-snapshot} read one. {@link #write} then {@link #read} gives back an equal snapshot.
 *
 * <pre>
 * registry.json                                   {"id": "..."} (optional; default: directory name)
 * registered_models.json                          required
 * registered_models/&lt;rmId&gt;/versions.json
 * model_versions/&lt;mvId&gt;/artifacts.json
 * inference_services.json, serving_environments.json
 * model_catalog/sources/&lt;source_id&gt;/models/&lt;repo&gt;/&lt;model&gt;.json   one CatalogModel each
 * kserve/{inferenceservices,llminferenceservices,services,serviceaccounts}.json   Kubernetes lists
 * </pre>
 */
public final class SnapshotDirectory {

    private SnapshotDirectory() {}

    /**
     * Reads a snapshot directory. Missing optional files read as empty. Versions are returned in id order.
     *
     * @throws KfmrException       when {@code dir} is not a snapshot (no {@code registered_models.json})
     * @throws KfmrFormatException when a file is malformed (message names the relative path, line and column)
     */
    public static RegistrySnapshot read(Path dir) {
        if (!Files.isRegularFile(dir.resolve(REGISTERED_MODELS))) {
            throw new KfmrException("not a registry snapshot: " + dir + " (no " + REGISTERED_MODELS + ")");
        }
        try {
            RegistryContents contents = new RegistryContents(
                    registryId(dir),
                    readList(dir, REGISTERED_MODELS, RegisteredModel.class),
                    readVersions(dir),
                    readArtifacts(dir),
                    readList(dir, INFERENCE_SERVICES, InferenceService.class),
                    readList(dir, SERVING_ENVIRONMENTS, ServingEnvironment.class),
                    readCatalogModels(dir));
            KServeObjects kserve = new KServeObjects(
                    readKube(dir, KSERVE_ISVC, GenericKubernetesResource.class),
                    readKube(dir, KSERVE_LLMISVC, GenericKubernetesResource.class),
                    readKube(dir, KSERVE_SERVICES, Service.class),
                    readKube(dir, KSERVE_SERVICE_ACCOUNTS, ServiceAccount.class));
            return new RegistrySnapshot(contents, kserve);
        } catch (IOException | UncheckedIOException e) {
            throw new KfmrException("cannot read snapshot " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code snapshot} to {@code dir}, replacing an earlier snapshot there. Files are pretty-printed with
     * sorted keys and without null fields. The files are written to a temporary directory next to {@code dir}
     * and moved into place at the end, so a failure never leaves a half-written snapshot.
     *
     * @throws KfmrException when writing fails or {@code dir} is a non-empty directory that is not a snapshot
     */
    public static void write(Path dir, RegistrySnapshot snapshot) {
        SnapshotWriter.write(dir, snapshot);
    }

    /** The registry id a snapshot directory declares ({@code registry.json}), else the directory's name. */
    public static String registryIdOf(Path dir) {
        try {
            return registryId(dir);
        } catch (IOException e) {
            throw new KfmrException(dir.resolve(REGISTRY) + ": " + e.getMessage(), e);
        }
    }

    private static String registryId(Path dir) throws IOException {
        Path file = dir.resolve(REGISTRY);
        if (Files.isRegularFile(file)) {
            JsonNode id = KfmrJson.read(Files.readAllBytes(file), JsonNode.class, REGISTRY)
                    .path("id");
            if (id.isTextual() && !id.asText().isBlank()) {
                return id.asText();
            }
            throw new KfmrFormatException(REGISTRY, "no \"id\" string", null);
        }
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return name == null ? "registry" : name.toString();
    }

    private static <T> List<T> readList(Path dir, String relative, Class<T> type) throws IOException {
        Path file = dir.resolve(relative);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        return KfmrJson.readList(Files.readAllBytes(file), type, relative).items();
    }

    private static List<ModelVersion> readVersions(Path dir) throws IOException {
        List<ModelVersion> all = new ArrayList<>();
        for (String rmId : subdirectories(dir.resolve(REGISTERED_MODELS_DIR))) {
            all.addAll(readList(dir, REGISTERED_MODELS_DIR + "/" + rmId + "/" + VERSIONS, ModelVersion.class));
        }
        // Versions come from one file per model; put them back in the registry's order (id ascending).
        all.sort(Comparator.comparing(ModelVersion::id, ID_ORDER));
        return all;
    }

    private static Map<String, List<ModelArtifact>> readArtifacts(Path dir) throws IOException {
        Map<String, List<ModelArtifact>> out = new TreeMap<>(ID_ORDER);
        for (String mvId : subdirectories(dir.resolve(MODEL_VERSIONS_DIR))) {
            String relative = MODEL_VERSIONS_DIR + "/" + mvId + "/" + ARTIFACTS;
            if (Files.isRegularFile(dir.resolve(relative))) {
                out.put(mvId, readList(dir, relative, ModelArtifact.class));
            }
        }
        return out;
    }

    private static List<CatalogModel> readCatalogModels(Path dir) throws IOException {
        List<CatalogModel> out = new ArrayList<>();
        Path sources = dir.resolve(CATALOG_SOURCES_DIR);
        for (String sourceId : subdirectories(sources)) {
            Path models = sources.resolve(sourceId).resolve(CATALOG_MODELS_DIR);
            if (!Files.isDirectory(models)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(models)) {
                files = walk.filter(Files::isRegularFile)
                        .filter(p -> p.toString().endsWith(".json"))
                        .sorted()
                        .toList();
            }
            for (Path file : files) {
                String name = slashes(models.relativize(file));
                name = name.substring(0, name.length() - ".json".length());
                String relative = slashes(dir.relativize(file));
                CatalogModel m = KfmrJson.read(Files.readAllBytes(file), CatalogModel.class, relative);
                out.add(new CatalogModel(
                        m.name() != null ? m.name() : name,
                        m.sourceId() != null ? m.sourceId() : sourceId,
                        m.description(),
                        m.readme(),
                        m.provider(),
                        m.license(),
                        m.licenseLink(),
                        m.createTimeSinceEpoch(),
                        m.lastUpdateTimeSinceEpoch()));
            }
        }
        return out;
    }

    private static <T> List<T> readKube(Path dir, String fileName, Class<T> type) throws IOException {
        String relative = KSERVE_DIR + "/" + fileName;
        Path file = dir.resolve(relative);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        JavaType listType = KfmrJson.mapper().getTypeFactory().constructParametricType(KubeList.class, type);
        KubeList<T> list = KfmrJson.read(Files.readAllBytes(file), listType, relative);
        return list.items();
    }

    /** Names of the subdirectories of {@code parent} (none when it does not exist), sorted. */
    private static List<String> subdirectories(Path parent) throws IOException {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(parent)) {
            return list.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    private static String slashes(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }
}
