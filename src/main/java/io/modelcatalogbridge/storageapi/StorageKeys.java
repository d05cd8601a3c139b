package io.modelcatalogbridge.storageapi;

/**
 * Which keys storage accepts: {@link DocumentGrammar#key} — the canonical {@code DocumentKey} storage keys, the
 * ones location can serve. Go keys such as {@code mnist_v1} are canonical keys too.
 */
public final class StorageKeys {

    /** Longest key accepted, in characters (a Kubernetes ConfigMap data key is at most 253). */
    public static final int MAX_LENGTH = DocumentGrammar.MAX_KEY_LENGTH;

    private StorageKeys() {}

    /**
     * Checks a key.
     *
     * @throws IllegalArgumentException ({@link DocumentGrammar.Violation}) with a message for the client
     */
    public static String require(String key) {
        return DocumentGrammar.key(key);
    }
}
