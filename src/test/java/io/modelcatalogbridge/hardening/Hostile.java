package io.modelcatalogbridge.hardening;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Seeded generator of hostile input: the strings, byte strings and shapes an attacker or a broken registry would
 * send. One seed always gives the same sequence, so every failure names the seed that reproduces it.
 */
final class Hostile {

    /** The seed of a run: {@code -Dbridge.test.seed=N} reproduces one, the default keeps CI deterministic. */
    static final long BASE_SEED = Long.getLong("bridge.test.seed", 20_251_130L);

    /**
     * Cases per generated suite: 2,000 in the build (a registry case is five KFMR list payloads, so 10,000 payloads;
     * an InferenceService case is one to three objects), short enough for a loaded 2-core machine; {@code
     * bench/hostile-soak.sh} raises it ({@code -Dbridge.test.hostile-cases=20000}).
     */
    static final int CASES = Integer.getInteger("bridge.test.hostile-cases", 2_000);

    private static final String[] SPECIAL = {
        "",
        " ",
        "\t",
        "\n",
        "\r\n",
        "null",
        "~",
        "NULL",
        "true",
        "no",
        "yes",
        "on",
        "off",
        "0",
        "-0",
        "1e400",
        "-.inf",
        ".nan",
        "0x1F",
        "0o17",
        "012",
        "+1",
        "1_000",
        "'",
        "\"",
        "''",
        "\"\"",
        "`",
        "\\",
        "\\u0000",
        ": ",
        "- ",
        "-",
        "--",
        "---",
        "...",
        "? ",
        "# comment",
        "&anchor",
        "*alias",
        "!!python/object/apply:os.system",
        "!tag",
        "%YAML 1.1",
        "{",
        "}",
        "[",
        "]",
        "{}",
        "[]",
        ",",
        "|",
        ">",
        "|-",
        ">+",
        "@",
        "%",
        "=",
        "<",
        ">",
        "<script>alert(1)</script>",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "../../../../etc/passwd",
        "..\\..\\windows\\win.ini",
        "%2e%2e%2f",
        "/",
        "//",
        "_",
        "a_b_c",
        "a/b",
        "?",
        "#",
        "&",
        "key=value&x=y",
        "${jndi:ldap://x/a}",
        "{{7*7}}",
        "%s%s%n",
        "'; DROP TABLE models;--",
        "user:default/x",
        "group:x",
        "\u202Egnp.exe",
        "\u200B",
        "\u200D",
        "\uFEFF",
        "\u2066x\u2069",
        "\u061C",
        "\u00A0",
        "\u3000",
        "\u0085",
        "\u2028",
        "\u2029",
        "\u0000",
        "\u0007",
        "\u001B[31mred\u001B[0m",
        "\u007F",
        "\u009B",
        "\uFFFD",
        "\uFFFF",
        "\uD800",
        "\uDC00",
        "\uD83D\uDE00",
        "\uD83D",
        "e\u0301",
        "\u0130",
        "ß",
        "ǅ",
        "ﬁ",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
        "مرحبا",
        "שלום",
        "日本語",
        "Ω≈ç√∫",
        "name with spaces",
        "UPPER",
        "mixed-Case_name.v1",
        "a".repeat(63),
        "a".repeat(64),
        "a".repeat(254),
        "-leading",
        "trailing-",
        "double--dash",
        "dot..dot",
        ".hidden",
        "v1.0.0",
        "1.4.0",
        "mnist",
        "granite-3.1-8b-lab-v1"
    };

    /** {@link #SPECIAL} without lone surrogates, for building longer strings. */
    private static final String[] WELL_FORMED = Arrays.stream(SPECIAL)
            .filter(x -> x.codePoints().noneMatch(cp -> cp >= 0xd800 && cp <= 0xdfff))
            .toArray(String[]::new);

    private final SplittableRandom random;

    Hostile(long seed) {
        this.random = new SplittableRandom(seed);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A string from one of the hostile families (sometimes a plain one, so the mapping goes deep). */
    String string() {
        if (random.nextInt(200) == 0) {
            return huge();
        }
        if (random.nextInt(20_000) == 0) {
            // Broken UTF-16 (a JSON \\uD800 escape): rare, because a list holding one is refused whole.
            return SPECIAL[random.nextInt(SPECIAL.length)] + "\uD800" + mixed(3);
        }
        return switch (random.nextInt(12)) {
            case 0, 2 -> WELL_FORMED[random.nextInt(WELL_FORMED.length)];
            case 1 -> WELL_FORMED[random.nextInt(WELL_FORMED.length)] + WELL_FORMED[random.nextInt(WELL_FORMED.length)];
            case 3 -> controls(1 + random.nextInt(20));
            case 4 -> unicode(1 + random.nextInt(40));
            case 5 -> "model-" + random.nextInt(1000);
            case 6 -> "v" + random.nextInt(20);
            case 7 -> "https://example.com/" + WELL_FORMED[random.nextInt(WELL_FORMED.length)];
            case 8 -> Integer.toString(random.nextInt());
            case 9 -> WELL_FORMED[random.nextInt(WELL_FORMED.length)].repeat(1 + random.nextInt(50));
            case 10 -> "x".repeat(random.nextInt(300));
            default -> mixed(1 + random.nextInt(80));
        };
    }

    /** A name-like string: mostly plausible, often hostile. */
    String name() {
        return chance(40) ? "m" + random.nextInt(50) + (chance(50) ? "-" + string() : "") : string();
    }

    String huge() {
        int length = switch (random.nextInt(3)) {
            case 0 -> 10_000;
            case 1 -> 70_000;
            default -> 1_000 + random.nextInt(5_000);
        };
        StringBuilder sb = new StringBuilder(length + 64);
        String unit = mixed(16);
        while (sb.length() < length) {
            sb.append(unit);
        }
        // Cut before a high surrogate, never between the two halves of a pair.
        int end = length < sb.length() && Character.isLowSurrogate(sb.charAt(length)) ? length - 1 : length;
        return sb.substring(0, end);
    }

    private String controls(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((char) (chance(80) ? random.nextInt(0x20) : 0x7f + random.nextInt(0x21)));
        }
        return sb.toString();
    }

    private String unicode(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int cp = random.nextInt(0x30000);
            // Lone surrogates come from SPECIAL, rarely: a list holding one is refused whole, which tests little.
            sb.append(cp >= 0xd800 && cp <= 0xdfff ? "\uFFFD" : new String(Character.toChars(cp)));
        }
        return sb.toString();
    }

    private String mixed(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(
                    switch (random.nextInt(5)) {
                        case 0 -> WELL_FORMED[random.nextInt(WELL_FORMED.length)];
                        case 1 -> (char) ('a' + random.nextInt(26));
                        case 2 -> (char) random.nextInt(0x20);
                        case 3 -> new String(Character.toChars(0x80 + random.nextInt(0x2F80)));
                        default -> "-_./ :".charAt(random.nextInt(6));
                    });
        }
        return sb.toString();
    }

    /** An epoch-millis string, or something that is not one. */
    String epoch() {
        return switch (random.nextInt(8)) {
            case 0 -> string();
            case 1 -> "-1";
            case 2 -> "99999999999999999999999";
            case 3 -> "";
            default -> Long.toString(1_700_000_000_000L + random.nextInt(100_000_000));
        };
    }

    /**
     * Raw bytes damaged like a broken proxy or an attacker would: truncated, invalid UTF-8 spliced in, or wrapped in
     * thousands of array levels. {@code json} is returned unchanged in about half the cases.
     */
    byte[] damage(byte[] json) {
        return switch (random.nextInt(10)) {
            case 0 -> Arrays.copyOf(json, random.nextInt(Math.max(1, json.length)));
            case 1 -> splice(json, new byte[] {(byte) 0xff, (byte) 0xfe});
            case 2 -> splice(json, new byte[] {(byte) 0xc0, (byte) 0x80});
            case 3 -> splice(json, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80});
            case 4 -> deep(5_000);
            default -> json;
        };
    }

    private byte[] splice(byte[] json, byte[] bad) {
        int at = random.nextInt(json.length + 1);
        byte[] out = new byte[json.length + bad.length];
        System.arraycopy(json, 0, out, 0, at);
        System.arraycopy(bad, 0, out, at, bad.length);
        System.arraycopy(json, at, out, at + bad.length, json.length - at);
        return out;
    }

    /** {@code {"items": [[[[...]]]]}} nested {@code depth} deep. */
    static byte[] deep(int depth) {
        String s = "{\"items\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Several values of one generator. */
    <T> List<T> some(int max, Supplier<T> gen) {
        List<T> out = new ArrayList<>();
        int n = random.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            out.add(gen.get());
        }
        return out;
    }
}
