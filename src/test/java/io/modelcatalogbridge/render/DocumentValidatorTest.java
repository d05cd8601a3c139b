package io.modelcatalogbridge.render;

import static io.modelcatalogbridge.render.ValidationTestSupport.pointersAndReasons;
import static io.modelcatalogbridge.render.ValidationTestSupport.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentValidatorTest {

    @Test
    void unknownExtensionIsAnUnsupportedFileType() {
        List<Problem> problems = DocumentValidator.validate(resource("validate/notes.txt"));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).reason().startsWith("unsupported file type"), problems.toString());
    }

    @Test
    void missingFileIsAProblemNotAnException(@TempDir Path dir) {
        Path missing = dir.resolve("gone.json");
        assertEquals(
                List.of(missing + ": /: cannot read file: no such file"),
                DocumentValidator.validate(missing).stream()
                        .map(Problem::toString)
                        .toList());
    }

    @Test
    void directoryIsAProblemNotAnException(@TempDir Path dir) throws Exception {
        Path d = Files.createDirectory(dir.resolve("x.yaml"));
        List<Problem> problems = DocumentValidator.validate(d);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).reason().startsWith("cannot read file"), problems.toString());
    }

    @Test
    void extensionsAreMatchedIgnoringCase() {
        assertEquals(
                List.of(": empty file, expected a model-catalog JSON object"),
                pointersAndReasons(DocumentValidator.validate("A.JSON", new byte[0])));
        assertEquals(
                List.of(": no YAML document found, expected Backstage entities"),
                pointersAndReasons(DocumentValidator.validate("b.YML", new byte[0])));
    }

    @Test
    void severalFilesAreReportedInArgumentOrder() {
        List<Problem> problems = DocumentValidator.validate(
                List.of(resource("validate/notes.txt"), resource("validate/missing-name.json")));
        assertEquals(2, problems.size());
        assertTrue(problems.get(0).file().endsWith("notes.txt"));
        assertTrue(problems.get(1).file().endsWith("missing-name.json"));
    }

    @Test
    void problemPrintsAsOneLineFilePointerReason() {
        assertEquals(
                "a.json: /models/0: required property 'name' is missing",
                Problem.error("a.json", "/models/0", "required property 'name' is missing")
                        .toString());
        assertEquals(
                "a.json: /models/0/tags/1: warning: tag 'X' is not valid",
                Problem.warning("a.json", "/models/0/tags/1", "tag 'X' is not valid")
                        .toString());
        assertEquals(
                "a.json: /: malformed JSON",
                Problem.error("a.json", "", "malformed JSON").toString());
    }
}
