package io.modelcatalogbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Source rules the formatter cannot check: types are imported, never written with their fully qualified name inside
 * code (an inline {@code java.util.Map} or {@code io.modelcatalogbridge.x.Y} hides a dependency from the import list,
 * where reviewers and docs/architecture.md look for it). Comments and string literals are not code.
 */
class SourceLayoutTest {

    /** A package path of at least one lower-case segment followed by a type name. */
    private static final Pattern QUALIFIED =
            Pattern.compile("(?<![\\w.\"])(?:java|javax|jakarta|io|org|com|picocli|sun)\\.(?:[a-z_]\\w*\\.)+[A-Z]\\w*");

    private static final Pattern COMMENT_OR_STRING = Pattern.compile(
            "/\\*.*?\\*/|//[^\\n]*|\"\"\"(?s:.*?)\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\])'",
            Pattern.DOTALL);

    @Test
    void noInlineFullyQualifiedNames() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path root : List.of(Path.of("src/main/java"), Path.of("src/test/java"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".java"))
                        .sorted()
                        .toList()) {
                    found.addAll(inlineNames(file, Files.readString(file)));
                }
            }
        }
        assertEquals(List.of(), found, "import these types instead of qualifying them inline");
    }

    @Test
    void theCheckSeesCodeAndIgnoresImportsCommentsAndStrings() {
        String source = """
                package a.b;

                import java.util.Map;

                /** See {@link java.util.List}. */
                class X {
                    // java.util.Set in a comment
                    String s = "java.util.Deque";
                    java.util.Optional<String> o;
                    @org.junit.jupiter.api.Test
                    void t() {}
                }
                """;
        List<String> found = inlineNames(Path.of("X.java"), source);
        assertEquals(2, found.size(), found.toString());
        assertTrue(found.get(0).endsWith("java.util.Optional"), found.toString());
        assertTrue(found.get(1).endsWith("org.junit.jupiter.api.Test"), found.toString());
        assertFalse(inlineNames(Path.of("Y.java"), "package a;\nimport java.util.Map;\nclass Y {}\n")
                .iterator()
                .hasNext());
    }

    static List<String> inlineNames(Path file, String source) {
        String code = blank(source);
        List<String> out = new ArrayList<>();
        String[] lines = code.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("import ") || line.startsWith("package ")) {
                continue;
            }
            Matcher m = QUALIFIED.matcher(lines[i]);
            while (m.find()) {
                out.add(file + ":" + (i + 1) + ": " + m.group());
            }
        }
        return out;
    }

    /** Comments and string literals replaced by blanks, line breaks kept (line numbers stay right). */
    private static String blank(String source) {
        Matcher m = COMMENT_OR_STRING.matcher(source);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group().replaceAll("[^\\n]", " ")));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
