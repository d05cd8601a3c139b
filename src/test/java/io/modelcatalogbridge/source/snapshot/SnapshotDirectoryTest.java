package io.modelcatalogbridge.source.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.source.kfmr.CatalogModel;
import io.modelcatalogbridge.source.kfmr.KfmrException;
import io.modelcatalogbridge.source.kfmr.KfmrFormatException;
import io.modelcatalogbridge.source.kfmr.MetadataValue;
import io.modelcatalogbridge.source.kfmr.ModelVersion;
import io.modelcatalogbridge.source.kfmr.RegistryContents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class SnapshotDirectoryTest {

    public static final Path EXAMPLE = Path.of("examples/registry-snapshot");

    @TempDir
    Path tmp;

    @Test
    void exampleSnapshotReadsEveryPart() {
        RegistrySnapshot s = SnapshotDirectory.read(EXAMPLE);
        RegistryContents c = s.registry();
        assertEquals("modelregistry-public", c.registryId());
        assertEquals(5, c.registeredModels().size());
        assertEquals(
                List.of("2", "5", "7", "9", "11", "13"),
                c.modelVersions().stream().map(ModelVersion::id).toList(),
                "versions in id order");
        assertEquals(6, c.artifactsByVersion().size());
        assertEquals(1, c.inferenceServices().size());
        assertEquals(1, c.servingEnvironments().size());
        assertEquals(1, c.catalogModels().size());
        CatalogModel card = c.catalogModels().get(0);
        assertEquals("rhelai1/granite-3.1-8b-lab-v1", card.name());
        assertEquals("redhat_ai_models", card.sourceId());
        assertTrue(card.readme().startsWith("# Granite"));
        assertEquals(2, s.kserve().inferenceServices().size());
        assertEquals(0, s.kserve().llmInferenceServices().size());
        assertEquals(2, s.kserve().services().size());
        assertEquals(1, s.kserve().serviceAccounts().size());
    }

    @Test
    void exampleHasEveryMetadataValueType() {
        Map<String, MetadataValue> p = SnapshotDirectory.read(EXAMPLE).registry().registeredModels().stream()
                .filter(m -> m.name().equals("credit-risk"))
                .findFirst()
                .orElseThrow()
                .customProperties();
        assertInstanceOf(MetadataValue.IntValue.class, p.get("num_features"));
        assertInstanceOf(MetadataValue.DoubleValue.class, p.get("auc"));
        assertInstanceOf(MetadataValue.BoolValue.class, p.get("calibrated"));
        assertInstanceOf(MetadataValue.ProtoValue.class, p.get("training_run"));
        assertTrue(((MetadataValue.StructValue) p.get("hyperparameters")).json().contains("\"max_depth\":6"));
        assertTrue(((MetadataValue.StructValue) p.get("feature_schema")).json().contains("\"age\":\"int\""));
    }

    @Test
    void writeThenReadGivesTheSameSnapshot() {
        RegistrySnapshot original = SnapshotDirectory.read(EXAMPLE);
        Path out = tmp.resolve("copy");
        SnapshotDirectory.write(out, original);
        RegistrySnapshot copy = SnapshotDirectory.read(out);
        assertEquals(original.registry(), copy.registry());
        assertEquals(original.kserve(), copy.kserve());
        assertTrue(Files.isRegularFile(
                out.resolve("model_catalog/sources/redhat_ai_models/models/rhelai1/granite-3.1-8b-lab-v1.json")));
        assertTrue(Files.isRegularFile(out.resolve("registered_models/10/versions.json")));
    }

    @Test
    void writingTwiceGivesIdenticalBytesAndLeavesNoTemporaryDirectories() throws IOException {
        RegistrySnapshot original = SnapshotDirectory.read(EXAMPLE);
        Path out = tmp.resolve("snap");
        SnapshotDirectory.write(out, original);
        byte[] first = Files.readAllBytes(out.resolve("registered_models.json"));
        SnapshotDirectory.write(out, original);
        assertArrayEquals(first, Files.readAllBytes(out.resolve("registered_models.json")));
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertEquals(
                    List.of("snap"),
                    siblings.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void exampleFilesAreAlreadyInTheWrittenFormat() throws IOException {
        Path out = tmp.resolve("snap");
        SnapshotDirectory.write(out, SnapshotDirectory.read(EXAMPLE));
        for (String f : List.of(
                "registered_models.json",
                "registered_models/10/versions.json",
                "model_versions/7/artifacts.json",
                "inference_services.json")) {
            assertEquals(Files.readString(EXAMPLE.resolve(f)), Files.readString(out.resolve(f)), f);
        }
    }

    @Test
    void replacingASnapshotDropsFilesOfTheOldOne() {
        Path out = tmp.resolve("snap");
        SnapshotDirectory.write(out, SnapshotDirectory.read(EXAMPLE));
        RegistryContents empty =
                new RegistryContents("r", List.of(), List.of(), Map.of(), List.of(), List.of(), List.of());
        SnapshotDirectory.write(out, new RegistrySnapshot(empty, null));
        assertFalse(Files.exists(out.resolve("registered_models/1")));
        assertEquals(empty, SnapshotDirectory.read(out).registry());
    }

    @Test
    void missingRegisteredModelsFileIsNotASnapshot() {
        KfmrException e = assertThrows(KfmrException.class, () -> SnapshotDirectory.read(tmp));
        assertTrue(e.getMessage().startsWith("not a registry snapshot: " + tmp), e.getMessage());
    }

    @Test
    void optionalFilesMayBeMissingAndIdDefaultsToDirectoryName() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("my-registry"));
        Files.writeString(
                dir.resolve("registered_models.json"),
                "{\"items\":[],\"nextPageToken\":\"\",\"pageSize\":0,\"size\":0}");
        RegistrySnapshot s = SnapshotDirectory.read(dir);
        assertEquals("my-registry", s.registry().registryId());
        assertTrue(s.registry().modelVersions().isEmpty());
        assertTrue(s.kserve().inferenceServices().isEmpty());
    }

    @Test
    void malformedFileIsNamedByRelativePathLineAndColumn() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(dir.resolve("registered_models.json"), "{\"items\":[],\"nextPageToken\":\"\"}");
        Path versions = Files.createDirectories(dir.resolve("registered_models/1"));
        Files.writeString(versions.resolve("versions.json"), "{\"items\":[\n  {\"id\":\"2\",}\n]}");
        KfmrFormatException e = assertThrows(KfmrFormatException.class, () -> SnapshotDirectory.read(dir));
        assertTrue(e.getMessage().startsWith("registered_models/1/versions.json: line 2, column "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void malformedKubernetesListIsNamedToo() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(dir.resolve("registered_models.json"), "{\"items\":[],\"nextPageToken\":\"\"}");
        Files.createDirectories(dir.resolve("kserve"));
        Files.writeString(dir.resolve("kserve/services.json"), "{\"kind\":\"List\",\"items\":[{]}");
        KfmrFormatException e = assertThrows(KfmrFormatException.class, () -> SnapshotDirectory.read(dir));
        assertTrue(e.getMessage().startsWith("kserve/services.json: line 1, column "), e.getMessage());
    }

    @Test
    void writeRefusesToReplaceADirectoryThatIsNotASnapshot() throws IOException {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(home.resolve("notes.txt"), "precious");
        KfmrException e =
                assertThrows(KfmrException.class, () -> SnapshotDirectory.write(home, SnapshotDirectory.read(EXAMPLE)));
        assertTrue(e.getMessage().contains("not a registry snapshot"), e.getMessage());
        assertEquals("precious", Files.readString(home.resolve("notes.txt")));
    }

    @Test
    void failedWriteLeavesThePreviousSnapshotAndNoTemporaryFiles() throws IOException {
        Path out = tmp.resolve("snap");
        SnapshotDirectory.write(out, SnapshotDirectory.read(EXAMPLE));
        ModelVersion orphan = new ModelVersion("99", "v", null, null, null, null, null, "../../etc", "LIVE", null);
        RegistryContents bad =
                new RegistryContents("r", List.of(), List.of(orphan), Map.of(), List.of(), List.of(), List.of());
        assertThrows(KfmrException.class, () -> SnapshotDirectory.write(out, new RegistrySnapshot(bad, null)));
        assertEquals(
                5, SnapshotDirectory.read(out).registry().registeredModels().size());
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertEquals(
                    List.of("snap"),
                    siblings.map(p -> p.getFileName().toString()).toList());
        }
    }
}
