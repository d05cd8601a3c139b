package io.modelcatalogbridge.model;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Backstage tag rules: a tag matches {@code ^[a-z0-9:+#]+(\-[a-z0-9:+#]+)*$} and has at most 63 characters. An
 * invalid candidate is dropped, never fatal and never kept "with a warning" (Go bridge bug 10).
 */
public final class Tags {
    public static final int MAX_LENGTH = 63;
    private static final Pattern VALID = Pattern.compile("^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Tags() {}

    public static boolean isValid(String tag) {
        return tag != null && tag.length() <= MAX_LENGTH && VALID.matcher(tag).matches();
    }

    /**
     * A property value turned into a tag: trimmed, lower-cased, whitespace runs replaced by {@code -}. Empty when
     * the result is not a valid tag ({@code "Red Hat"} → {@code red-hat}; a URL → empty).
     */
    public static Optional<String> fromValue(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String tag = WHITESPACE.matcher(value.trim().toLowerCase(Locale.ROOT)).replaceAll("-");
        return isValid(tag) ? Optional.of(tag) : Optional.empty();
    }

    /**
     * A custom property turned into a tag: {@code key} for a label (empty value), else {@code key-value}, kept
     * exactly as written and only when valid — {@code text-generation} stays, {@code Framework-PyTorch} is dropped.
     */
    public static Optional<String> fromProperty(String key, String value) {
        if (key == null || key.isEmpty()) {
            return Optional.empty();
        }
        String tag = value == null || value.isEmpty() ? key : key + "-" + value;
        return isValid(tag) ? Optional.of(tag) : Optional.empty();
    }

    /** The valid candidates, sorted and de-duplicated: the only shape a tag list is written in. */
    public static List<String> normalize(Collection<String> candidates) {
        return candidates.stream()
                .filter(Objects::nonNull)
                .filter(Tags::isValid)
                .distinct()
                .sorted()
                .toList();
    }
}
