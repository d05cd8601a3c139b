package io.modelcatalogbridge.model;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The characters a catalog document may carry. Registry and Kubernetes text is free-form and may hold control
 * characters, bidi overrides (text that displays reordered, as in "Trojan Source") or broken UTF-16; none of that
 * means anything in a catalog entry, and storage's grammar refuses it. Every text field of the model passes
 * {@link #clean} once, when the record is built, so every renderer and every store sees clean text.
 */
public final class Text {

    private Text() {}

    /**
     * Whether a character is never allowed: C0 controls except tab, CR and LF (those only in multi-line text), DEL,
     * C1 controls, and the bidi marks, embeddings, overrides and isolates.
     */
    public static boolean forbidden(int c, boolean multiLine) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return !multiLine;
        }
        return c < 0x20
                || (c >= 0x7f && c <= 0x9f)
                || c == 0x061c
                || c == 0x200e
                || c == 0x200f
                || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069);
    }

    /** {@code s} without forbidden characters (tab, CR, LF kept), lone surrogates replaced by U+FFFD; null stays. */
    public static String clean(String s) {
        if (s == null || isClean(s)) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                sb.append('\uFFFD');
            } else if (!forbidden(c, true)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A sorted copy with every key and value cleaned; null becomes empty. */
    public static SortedMap<String, String> clean(Map<String, String> map) {
        TreeMap<String, String> out = new TreeMap<>();
        if (map != null) {
            map.forEach((k, v) -> out.put(clean(k), clean(v)));
        }
        return out;
    }

    private static boolean isClean(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c) || forbidden(c, true)) {
                return false;
            }
        }
        return true;
    }
}
