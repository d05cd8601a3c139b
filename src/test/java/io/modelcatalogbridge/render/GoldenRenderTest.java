package io.modelcatalogbridge.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.model.ModelCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every scenario in every format against {@code src/test/resources/golden/render/<scenario>.<file name>}. Run with
 * {@code -Dgolden.update=true} to rewrite the files on purpose, then review the diff.
 */
class GoldenRenderTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/render");

    @TestFactory
    List<DynamicTest> renderedBytesMatchGoldenFiles() {
        boolean update = Boolean.getBoolean("golden.update");
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, ModelCatalog> scenario :
                SampleCatalogs.scenarios().entrySet()) {
            for (Renderer r : Renderers.all()) {
                Path file = GOLDEN.resolve(scenario.getKey() + "." + r.fileName());
                tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    byte[] actual = r.render(SampleCatalogs.document(scenario.getValue()));
                    if (update) {
                        Files.createDirectories(GOLDEN);
                        Files.write(file, actual);
                    }
                    assertTrue(Files.exists(file), file + " missing; run with -Dgolden.update=true");
                    byte[] expected = Files.readAllBytes(file);
                    // Text first for a readable diff, then the bytes themselves.
                    assertEquals(
                            new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8));
                    assertArrayEquals(expected, actual);
                }));
            }
        }
        return tests;
    }
}
