package io.modelcatalogbridge.storageapi;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The content digest of a stored document, as storage lists it ({@code GET /digests}) and as the normalizer computes
 * it for what it would send: SHA-256 over the document bytes, the {@code type}, the model-card key and the model card,
 * each length-prefixed (no two different contents share an encoding). What location serves is exactly this content,
 * so equal digests mean storage needs nothing; the Backstage location fields and the time are not part of it.
 */
public final class ContentDigest {

    private ContentDigest() {}

    /**
     * @param body         the document bytes (not base64)
     * @param type         the upsert's {@code type} ({@code kubeflow}, {@code kserve}); compared case-insensitively
     * @param modelCardKey the model-card key, or null
     * @param modelCard    the model card markdown, or null (null and empty are the same: no card)
     */
    public static String of(byte[] body, String type, String modelCardKey, String modelCard) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            field(md, body);
            field(md, text(type == null ? null : type.strip().toLowerCase(Locale.ROOT)));
            field(md, text(modelCardKey));
            field(md, text(modelCard));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] text(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    private static void field(MessageDigest md, byte[] bytes) {
        md.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        md.update(bytes);
    }
}
