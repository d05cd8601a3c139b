package io.modelcatalogbridge.model;

/**
 * Text from clients and from stored files on its way into a log line or an error answer: every character outside
 * printable ASCII (controls, bidi and zero-width characters, line breaks, anything non-ASCII) is written as
 * {@code \}{@code uXXXX}, and long values are cut, so a hostile value can neither forge log lines, reorder what an
 * operator reads, nor flood the log.
 */
public final class LogSafe {

    /** Longest part of a value shown, in characters. */
    public static final int MAX = 120;

    private LogSafe() {}

    /** {@code value} made printable ASCII and cut at {@link #MAX} characters; {@code "null"} for null. */
    public static String text(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(Math.min(value.length(), MAX) + 16);
        int shown = Math.min(value.length(), MAX);
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                sb.append(c);
            } else if (c == '\\') {
                sb.append("\\\\");
            } else {
                sb.append(String.format("\\u%04X", (int) c));
            }
        }
        if (value.length() > shown) {
            // ASCII like everything else shown: an operator's terminal or log shipper may not take more.
            sb.append("...(").append(value.length() - shown).append(" more)");
        }
        return sb.toString();
    }
}
