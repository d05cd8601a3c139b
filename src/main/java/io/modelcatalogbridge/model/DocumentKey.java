package io.modelcatalogbridge.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Identity of one catalog document: a group (registered model name, or KServe namespace), a name (model version
 * name, or InferenceService name) and an optional qualifier that tells apart documents whose group and name
 * collide (a second registry, or KServe vs. a registry).
 *
 * <p>Encoded forms, all derived from one segment encoding so they round-trip without ambiguity:
 * <ul>
 *   <li>storage key (Go era, also the ConfigMap data key): {@code <seg1>_<seg2>}</li>
 *   <li>current-era key (location {@code /list}, {@code /models/<a>/<b>}): {@code <seg1>/<seg2>}</li>
 *   <li>Go-era URI: {@code /<seg1>/<seg2>/<file>}</li>
 * </ul>
 * A segment is the name itself when it is "plain" — {@code [A-Za-z0-9]+} runs joined by single {@code .} or
 * {@code -} — which keeps the Go keys ({@code mnist_v1}) of existing installs. Any other name is written as
 * {@code -} followed by the name with every byte outside {@code [A-Za-z0-9.]} escaped as {@code -XX} (two
 * upper-case hex digits of its UTF-8 byte). A qualifier is appended to the first segment as {@code --} plus its
 * escaped form (which forces the escaped form). Segments therefore only use {@code [A-Za-z0-9.-]}: safe in URLs,
 * file names and ConfigMap keys, and never contain the {@code _} or {@code /} separators.
 */
public record DocumentKey(String group, String name, String qualifier) implements Comparable<DocumentKey> {

    public DocumentKey {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(name, "name");
        if (group.isEmpty() || name.isEmpty()) {
            throw new IllegalArgumentException("group and name must not be empty");
        }
        if (qualifier != null && qualifier.isEmpty()) {
            qualifier = null;
        }
    }

    public static DocumentKey of(String group, String name) {
        return new DocumentKey(group, name, null);
    }

    /** The same key with a qualifier, used to resolve a collision. */
    public DocumentKey qualified(String newQualifier) {
        return new DocumentKey(group, name, newQualifier);
    }

    public Optional<String> qualifierOpt() {
        return Optional.ofNullable(qualifier);
    }

    public String segment1() {
        if (qualifier == null) {
            return encode(group);
        }
        return "-" + escape(group) + "--" + escape(qualifier);
    }

    public String segment2() {
        return encode(name);
    }

    /** {@code <seg1>_<seg2>}: the storage API and ConfigMap key. */
    public String storageKey() {
        return segment1() + "_" + segment2();
    }

    /** {@code <seg1>/<seg2>}: the current-era location key. */
    public String currentKey() {
        return segment1() + "/" + segment2();
    }

    /** {@code /<seg1>/<seg2>/<fileName>}: the Go-era location URI. */
    public String goEraUri(String fileName) {
        return "/" + segment1() + "/" + segment2() + "/" + fileName;
    }

    /** Parses a storage key ({@code a_b}) or a current key ({@code a/b}). */
    public static DocumentKey parse(String key) {
        Objects.requireNonNull(key, "key");
        int sep = key.indexOf('_');
        if (sep < 0) {
            sep = key.indexOf('/');
        }
        if (sep <= 0 || sep == key.length() - 1 || key.indexOf('_', sep + 1) >= 0 || key.indexOf('/', sep + 1) >= 0) {
            throw new IllegalArgumentException("not a document key (expected <seg1>_<seg2>): " + key);
        }
        String s1 = key.substring(0, sep);
        String s2 = key.substring(sep + 1);
        String group;
        String qualifier = null;
        int q = s1.startsWith("-") ? s1.indexOf("--", 1) : -1;
        if (q > 0) {
            group = unescape(s1.substring(1, q));
            qualifier = unescape(s1.substring(q + 2));
        } else {
            group = decode(s1);
        }
        DocumentKey parsed = new DocumentKey(group, decode(s2), qualifier);
        // One key, one spelling: "-zz" and "zz" decode alike, but only the canonical form is a valid key, so a
        // document can never be stored under two strings.
        if (!parsed.segment1().equals(s1) || !parsed.segment2().equals(s2)) {
            throw new IllegalArgumentException(
                    "not a canonical document key (expected " + parsed.storageKey() + "): " + key);
        }
        return parsed;
    }

    /** Whether a string is a syntactically valid storage or current key. */
    public static boolean isValid(String key) {
        try {
            parse(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public int compareTo(DocumentKey o) {
        return storageKey().compareTo(o.storageKey());
    }

    @Override
    public String toString() {
        return storageKey();
    }

    static String encode(String raw) {
        return isPlain(raw) ? raw : "-" + escape(raw);
    }

    static String decode(String segment) {
        if (segment.startsWith("-")) {
            return unescape(segment.substring(1));
        }
        if (!isPlain(segment)) {
            throw new IllegalArgumentException("invalid key segment: " + segment);
        }
        return segment;
    }

    /**
     * Whether a name is "plain": {@code [A-Za-z0-9]+} runs joined by single {@code .} or {@code -}. A loop rather than
     * a regular expression: every storage key is encoded this way, and a sync of 10,000 documents encodes each key
     * several times (the regex matcher was a fifth of a delta sync's CPU).
     */
    static boolean isPlain(String s) {
        boolean afterSeparator = true; // at the start, as after a separator: a run must begin
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                afterSeparator = false;
            } else if ((c == '.' || c == '-') && !afterSeparator) {
                afterSeparator = true;
            } else {
                return false;
            }
        }
        return !afterSeparator;
    }

    private static String escape(String raw) {
        StringBuilder sb = new StringBuilder();
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.') {
                sb.append((char) c);
            } else {
                sb.append('-')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    private static String unescape(String escaped) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '-') {
                if (i + 2 >= escaped.length()) {
                    throw new IllegalArgumentException("truncated escape in key segment: " + escaped);
                }
                int hi = Character.digit(escaped.charAt(i + 1), 16);
                int lo = Character.digit(escaped.charAt(i + 2), 16);
                if (hi < 0
                        || lo < 0
                        || Character.isLowerCase(escaped.charAt(i + 1))
                        || Character.isLowerCase(escaped.charAt(i + 2))) {
                    throw new IllegalArgumentException("invalid escape in key segment: " + escaped);
                }
                out.write((hi << 4) | lo);
                i += 2;
            } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.') {
                out.write(c);
            } else {
                throw new IllegalArgumentException("invalid character in key segment: " + escaped);
            }
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }
}
