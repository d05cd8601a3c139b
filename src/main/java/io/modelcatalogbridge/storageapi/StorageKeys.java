package io.modelcatalogbridge.storageapi;

/**
 * Which keys storage accepts. The Go bridge required a {@code _} (it split the key into the two URI segments); we
 * accept any key with a {@code _} that has text on both sides — Go keys such as {@code mnist_v1} and this bridge's
 * escaped {@code DocumentKey.storageKey()} forms — and refuse what could not be a sensible name.
 */
public final class StorageKeys {

    /** Longest key accepted, in characters (a Kubernetes object name is at most 253). */
    public static final int MAX_LENGTH = 253;

    private StorageKeys() {}

    /**
     * Checks a key.
     *
     * @throws IllegalArgumentException with a message for the client
     */
    public static String require(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("need a 'key' parameter");
        }
        int sep = key.indexOf('_');
        if (sep <= 0 || sep == key.length() - 1) {
            throw new IllegalArgumentException(
                    "bad key format: " + shorten(key) + " (expected <name>_<version>, with text on both sides of '_')");
        }
        if (key.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("key longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c) || c == ',' || c == '/') {
                throw new IllegalArgumentException(
                        "bad key format: " + shorten(key) + " (no blanks, control characters, ',' or '/')");
            }
        }
        return key;
    }

    private static String shorten(String key) {
        String printable = key.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 80 ? printable.substring(0, 80) + "…" : printable;
    }
}
