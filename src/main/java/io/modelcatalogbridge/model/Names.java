package io.modelcatalogbridge.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Backstage entity names: runs of {@code [a-zA-Z0-9]} separated by single {@code [-_.]}, at most 63 characters.
 * The catalog modules use our {@code name} fields as entity names with only whitespace removed, so every name we
 * write must already be valid.
 */
public final class Names {
    public static final int MAX_LENGTH = 63;
    /** Length kept before {@code -<8 hex>} when a name has to be shortened or made unique: 54 + 1 + 8 = 63. */
    static final int HASHED_PREFIX_LENGTH = MAX_LENGTH - 9;

    private Names() {}

    /**
     * Sanitises a raw name; a result that would be empty gets the deterministic fallback {@code model-<hash>}.
     */
    public static String sanitize(String raw) {
        return trySanitize(raw).orElseGet(() -> "model-" + hash8(raw == null ? "" : raw));
    }

    /**
     * Invalid characters become {@code -}, a run of separators keeps its first one, separators at the ends are
     * dropped; a result over 63 characters keeps its first 54 plus {@code -<8 hex of the raw name>}, so two long
     * names with a common prefix stay distinct and the same input always gives the same name. Empty when nothing
     * usable is left.
     */
    public static Optional<String> trySanitize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder(raw.length());
        boolean lastWasSeparator = true; // drops leading separators
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (isAlnum(c)) {
                sb.append(c);
                lastWasSeparator = false;
            } else if (!lastWasSeparator) {
                sb.append(c == '_' || c == '.' ? c : '-');
                lastWasSeparator = true;
            }
        }
        String s = trimSeparators(sb);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (s.length() > MAX_LENGTH) {
            s = withHash(s, hash8(raw));
        }
        return Optional.of(s);
    }

    /** Whether a string already is a valid Backstage entity name. */
    public static boolean isValid(String name) {
        return name != null
                && !name.isEmpty()
                && name.length() <= MAX_LENGTH
                && trySanitize(name).filter(name::equals).isPresent();
    }

    /**
     * A valid name made distinct from an equal one: {@code <name>-<8 hex of hash(discriminator)>}, shortened so it
     * stays within 63 characters.
     */
    public static String withSuffix(String name, String discriminator) {
        return withHash(name, hash8(discriminator));
    }

    /** First 8 hex characters of the SHA-256 of the UTF-8 text: short, stable across runs and JVMs. */
    public static String hash8(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static String withHash(String name, String hash) {
        String prefix = name.length() > HASHED_PREFIX_LENGTH ? name.substring(0, HASHED_PREFIX_LENGTH) : name;
        prefix = trimSeparators(new StringBuilder(prefix));
        return prefix.isEmpty() ? hash : prefix + "-" + hash;
    }

    private static String trimSeparators(StringBuilder sb) {
        int end = sb.length();
        while (end > 0 && !isAlnum(sb.charAt(end - 1))) {
            end--;
        }
        int start = 0;
        while (start < end && !isAlnum(sb.charAt(start))) {
            start++;
        }
        return sb.substring(start, end);
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
