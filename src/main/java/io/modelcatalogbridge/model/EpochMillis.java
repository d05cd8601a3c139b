package io.modelcatalogbridge.model;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The bridge's one reading of a {@code lastUpdateTimeSinceEpoch}: epoch milliseconds written as plain ASCII digits,
 * at most {@value #MAX_DIGITS} of them (enough until the year 2286), and not more than a configured skew in the
 * future. Storage answers anything else with a 400, the normalizer reports it as a mapping problem, and a stored
 * record whose time fails this check no longer wins over a newer upsert.
 *
 * <p>Why so strict: storage refuses an upsert older than what it holds, so one absurd stored time
 * ({@code 9223372036854775807}) would pin a key forever, and {@code Long.parseLong} happily reads {@code -5},
 * {@code +1000000000001} and non-ASCII digits. A time bounded by 13 digits also leaves room for the "stored time
 * plus one" arithmetic of the normalizer: it cannot overflow.
 */
public final class EpochMillis {

    /** Most digits of a time: {@code 9999999999999} is in the year 2286. */
    public static final int MAX_DIGITS = 13;

    /** Future skew accepted when none is configured. */
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofHours(1);

    private final Clock clock;
    private final Duration maxFutureSkew;

    public EpochMillis(Clock clock, Duration maxFutureSkew) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxFutureSkew = Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("the future skew of timestamps must not be negative: " + maxFutureSkew);
        }
    }

    /** The system clock with {@code maxFutureSkew}. */
    public static EpochMillis system(Duration maxFutureSkew) {
        return new EpochMillis(Clock.systemUTC(), maxFutureSkew);
    }

    /** The system clock with {@link #DEFAULT_MAX_FUTURE_SKEW}. */
    public static EpochMillis systemDefault() {
        return system(DEFAULT_MAX_FUTURE_SKEW);
    }

    public Duration maxFutureSkew() {
        return maxFutureSkew;
    }

    /** The latest time accepted right now. */
    public long latestAccepted() {
        return clock.millis() + maxFutureSkew.toMillis();
    }

    /**
     * Reads a time.
     *
     * @throws InvalidTimestampException with a message for the client, naming the value and the rule it breaks
     */
    public long parse(String text) {
        long value = parseDigits(text);
        long latest = latestAccepted();
        if (value > latest) {
            throw new InvalidTimestampException("lastUpdateTimeSinceEpoch " + text + " is more than "
                    + describe(maxFutureSkew) + " in the future (latest accepted now: " + latest + ")");
        }
        return value;
    }

    /** {@link #parse} without the exception: empty for anything it refuses (including blank and null). */
    public OptionalLong tryParse(String text) {
        try {
            return OptionalLong.of(parse(text));
        } catch (InvalidTimestampException e) {
            return OptionalLong.empty();
        }
    }

    /** Why {@code text} is refused, or {@code null} when it is a valid time. */
    public String problem(String text) {
        try {
            parse(text);
            return null;
        } catch (InvalidTimestampException e) {
            return e.getMessage();
        }
    }

    /**
     * The syntax alone (digits, length), for times that need no clock: a time read back from storage that is
     * compared, not judged.
     *
     * @throws InvalidTimestampException for anything but 1 to {@value #MAX_DIGITS} ASCII digits
     */
    public static long parseDigits(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidTimestampException("lastUpdateTimeSinceEpoch is empty");
        }
        if (text.length() > MAX_DIGITS) {
            throw new InvalidTimestampException("lastUpdateTimeSinceEpoch must be epoch milliseconds of at most "
                    + MAX_DIGITS + " digits, was '" + shorten(text) + "'");
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // Character.isDigit would accept other scripts' digits; Long.parseLong accepts '+' and '-'.
            if (c < '0' || c > '9') {
                throw new InvalidTimestampException("lastUpdateTimeSinceEpoch must be epoch milliseconds in ASCII "
                        + "digits only (no sign, blank or other characters), was '" + shorten(text) + "'");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static String shorten(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }

    private static String describe(Duration d) {
        long s = d.toSeconds();
        if (s % 3600 == 0 && s > 0) {
            return s / 3600 + " h";
        }
        if (s % 60 == 0 && s > 0) {
            return s / 60 + " min";
        }
        return d.toMillis() + " ms";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EpochMillis e && clock.equals(e.clock) && maxFutureSkew.equals(e.maxFutureSkew);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clock, maxFutureSkew);
    }

    @Override
    public String toString() {
        return "EpochMillis[max future skew " + maxFutureSkew + "]";
    }

    /** A time that is not epoch milliseconds as the bridge accepts them. */
    public static final class InvalidTimestampException extends IllegalArgumentException {
        public InvalidTimestampException(String message) {
            super(message);
        }
    }
}
