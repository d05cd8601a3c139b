package io.modelcatalogbridge.sync;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * Parses durations written as Go's {@code time.ParseDuration} accepts them ({@code 2m}, {@code 30s},
 * {@code 1h30m}, {@code 500ms}, {@code 1.5h}), because {@code POLLING_INTERVAL} is shared with the Go bridge's
 * manifests. Units: {@code ns}, {@code us}/{@code µs}, {@code ms}, {@code s}, {@code m}, {@code h}. A bare
 * {@code 0} is zero; any other number needs a unit, as in Go.
 */
public final class GoDuration {

    private static final Map<String, Long> NANOS = Map.of(
            "ns",
            1L,
            "us",
            1_000L,
            "µs",
            1_000L,
            "μs",
            1_000L,
            "ms",
            1_000_000L,
            "s",
            1_000_000_000L,
            "m",
            60_000_000_000L,
            "h",
            3_600_000_000_000L);

    private GoDuration() {}

    /** @throws IllegalArgumentException with a one-line message naming the value and the expected form */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid(text);
        }
        String s = text.strip();
        boolean negative = s.startsWith("-");
        if (s.startsWith("-") || s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            Long unit = NANOS.get(s.substring(unitStart, i));
            if (number.isEmpty() || number.equals(".") || unit == null) {
                throw invalid(text);
            }
            try {
                total = total.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unit)));
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
        }
        long nanos = total.longValue();
        return Duration.ofNanos(negative ? -nanos : nanos);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException(
                "invalid duration '" + text + "': expected a Go duration such as 30s, 2m, 1h30m or 500ms");
    }
}
