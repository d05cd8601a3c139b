package io.modelcatalogbridge.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the suite passing on a loaded 2-core machine: every wait goes through {@link Waits} (one factor), nothing
 * sleeps a fixed time, and nothing asserts elapsed wall-clock time (latency targets belong to benchmarks under
 * {@code bench/}, whose classes end in {@code Bench}).
 */
class TestDisciplineTest {

    private static final Path TESTS = Path.of("src/test/java");

    /** What is forbidden, and the files allowed to do it anyway (with the reason in a comment). */
    private static final Map<Pattern, List<String>> RULES = Map.of(
            // Awaitility ceilings come from Waits, so one factor stretches them all.
            Pattern.compile("\\.atMost\\("), List.of("testing/Waits.java"),
            // A fixed sleep is either too short on a busy machine or wasted time on an idle one; the stub registry's
            // injected delay is the one deliberate exception (it plays a slow server).
            Pattern.compile("Thread\\.sleep\\("), List.of("testing/StubHttp.java"),
            // Elapsed-time arithmetic is how wall-clock asserts start.
            Pattern.compile("(nanoTime|currentTimeMillis)\\(\\)\\s*-"), List.of());

    @Test
    void waitsComeFromOneFactorAndNothingTimesItself() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TESTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String rel = TESTS.relativize(file).toString().replace('\\', '/');
                if (rel.endsWith("Bench.java") || rel.endsWith("TestDisciplineTest.java")) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file);
                RULES.forEach((pattern, allowed) -> {
                    if (allowed.stream().anyMatch(rel::endsWith)) {
                        return;
                    }
                    for (int i = 0; i < lines.size(); i++) {
                        if (pattern.matcher(lines.get(i)).find()) {
                            violations.add(
                                    rel + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                });
            }
        }
        assertEquals(
                List.of(),
                violations,
                "use io.modelcatalogbridge.testing.Waits for waits; measure latency in a *Bench under bench/");
    }

    @Test
    void theFactorIsAPositiveNumber() {
        assertEquals(1.0, Waits.parse(null));
        assertEquals(1.0, Waits.parse(" "));
        assertEquals(2.5, Waits.parse("2.5"));
        for (String bad : List.of("0", "-1", "abc", "NaN", "Infinity")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Waits.parse(bad), bad);
            assertTrue(e.getMessage().contains(Waits.PROPERTY), e.getMessage());
        }
    }
}
