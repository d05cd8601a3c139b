package io.modelcatalogbridge.source.kfmr;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Limits of one registry read, on top of the per-request timeout: a deadline for the whole read (no request and no
 * retry starts after it, and a request in flight is cut at it) and a threshold after which a request still waiting is
 * reported as slow, at once, while it keeps waiting.
 *
 * @param deadline  when the read must be over; empty: no deadline
 * @param slowAfter a request still waiting after this long is reported; zero: never
 * @param onSlow    told the URL (without credentials) and how long it has waited
 */
public record ReadBounds(Optional<Instant> deadline, Duration slowAfter, BiConsumer<URI, Duration> onSlow) {

    /** No deadline, no slow-request report. */
    public static final ReadBounds NONE = new ReadBounds(Optional.empty(), Duration.ZERO, (u, d) -> {});

    public ReadBounds {
        deadline = deadline == null ? Optional.empty() : deadline;
        Objects.requireNonNull(slowAfter, "slowAfter");
        onSlow = onSlow == null ? (u, d) -> {} : onSlow;
    }

    /** Time left until the deadline (never negative); empty without a deadline. */
    Optional<Duration> remaining() {
        return deadline.map(d -> {
            Duration left = Duration.between(Instant.now(), d);
            return left.isNegative() ? Duration.ZERO : left;
        });
    }
}
