package io.modelcatalogbridge.serve.location;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * A model card as location serves it.
 *
 * @param key      Go-era card key {@code <sourceId>/<model name>}; the current-era path is {@code /modelcard/<key>}
 * @param markdown UTF-8 markdown
 * @param etag     strong entity tag (quoted), a hash of the markdown
 */
public record ServedCard(String key, byte[] markdown, String etag) {

    public ServedCard {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(markdown, "markdown");
        Objects.requireNonNull(etag, "etag");
    }

    public static ServedCard of(String key, String markdown) {
        byte[] bytes = markdown.getBytes(StandardCharsets.UTF_8);
        return new ServedCard(key, bytes, etagOf(bytes));
    }

    /** Same card content, ignoring identity of the arrays. */
    public boolean sameAs(ServedCard other) {
        return other != null && key.equals(other.key) && etag.equals(other.etag);
    }

    private static String etagOf(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
