package io.modelcatalogbridge.serve.http;

import io.modelcatalogbridge.model.Text;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Checks a request target before anything routes, authenticates or logs it: every {@code %} starts a two-digit hex
 * escape, what the escapes decode to is UTF-8, and neither path nor query holds control or bidi characters. Such a
 * request gets 400 with a JSON message that never echoes the target, so a malformed or hostile URL costs one
 * answer and nothing else (no exception, no ERROR line, no raw bytes in a log).
 */
public final class RequestLine {

    private RequestLine() {}

    /** Why the target is refused, or empty when it is well formed. */
    public static Optional<String> problem(String target) {
        if (target == null || target.isEmpty()) {
            return Optional.of("empty request target");
        }
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        Optional<String> p = part(path, "path", false);
        if (p.isPresent() || q < 0) {
            return p;
        }
        return part(target.substring(q + 1), "query", true);
    }

    private static Optional<String> part(String raw, String what, boolean plusIsSpace) {
        if (plainAscii(raw)) {
            return Optional.empty(); // nothing to decode, and no printable ASCII character is forbidden
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()
                        || Character.digit(raw.charAt(i + 1), 16) < 0
                        || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    return Optional.of("malformed %-escape in the " + what);
                }
                bytes.write(Character.digit(raw.charAt(i + 1), 16) << 4 | Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else if (c < 0x21 || c == 0x7f || c > 0xff) {
                return Optional.of("unescaped control character or blank in the " + what);
            } else {
                // Netty hands the target over one byte a character: raw UTF-8 (sent unescaped by some clients)
                // is collected as bytes and checked below like escaped UTF-8.
                bytes.write(plusIsSpace && c == '+' ? ' ' : c);
            }
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return Optional.of("the " + what + " is not UTF-8 once decoded");
        }
        for (int i = 0; i < decoded.length(); i++) {
            if (Text.forbidden(decoded.charAt(i), false)) {
                return Optional.of(String.format(
                        "the %s holds the control or bidi character U+%04X", what, (int) decoded.charAt(i)));
            }
        }
        return Optional.empty();
    }

    /** Whether every character is printable ASCII other than {@code %}: the common target, checked without copies. */
    private static boolean plainAscii(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '%') {
                return false;
            }
        }
        return true;
    }
}
