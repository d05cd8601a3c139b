package io.modelcatalogbridge.sync;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Coalesces bursts of change notifications: the action runs once the changes have been quiet for {@code quiet},
 * but no later than {@code maxWait} after the first change of the burst. The action runs on the given executor
 * (the engine's single sync thread), so it never overlaps a full sync.
 */
final class Debouncer {

    private final ScheduledExecutorService executor;
    private final long quietNanos;
    private final long maxWaitNanos;
    private final Runnable action;
    private final LongSupplier clock;
    private long first;
    private long last;
    private boolean pending;

    Debouncer(
            ScheduledExecutorService executor,
            Duration quiet,
            Duration maxWait,
            Runnable action,
            LongSupplier nanoClock) {
        this.executor = executor;
        this.quietNanos = quiet.toNanos();
        this.maxWaitNanos = Math.max(maxWait.toNanos(), quiet.toNanos());
        this.action = action;
        this.clock = nanoClock;
    }

    /** Notes a change; thread-safe, never blocks. */
    synchronized void changed() {
        last = clock.getAsLong();
        if (!pending) {
            pending = true;
            first = last;
            schedule(quietNanos);
        }
    }

    private void check() {
        synchronized (this) {
            long now = clock.getAsLong();
            long due = Math.min(last + quietNanos, first + maxWaitNanos);
            if (now < due) {
                schedule(due - now);
                return;
            }
            pending = false;
        }
        action.run();
    }

    private void schedule(long delayNanos) {
        if (!executor.isShutdown()) {
            executor.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
        }
    }
}
