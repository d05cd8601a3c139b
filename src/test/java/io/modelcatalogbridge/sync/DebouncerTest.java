package io.modelcatalogbridge.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Drives the debouncer with a manual clock and a scheduler that only records what it was asked to run. */
class DebouncerTest {

    private final AtomicLong now = new AtomicLong();
    private final List<long[]> scheduled = new ArrayList<>();
    private final List<Runnable> tasks = new ArrayList<>();
    private final AtomicInteger runs = new AtomicInteger();

    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1) {
        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            scheduled.add(new long[] {now.get() + unit.toNanos(delay)});
            tasks.add(command);
            return null;
        }
    };

    private final Debouncer debouncer =
            new Debouncer(executor, Duration.ofMillis(200), Duration.ofMillis(800), runs::incrementAndGet, now::get);

    /** Runs the earliest scheduled check at its due time. */
    private void runNext() {
        long due = scheduled.remove(0)[0];
        now.set(Math.max(now.get(), due));
        tasks.remove(0).run();
    }

    private void at(long millis) {
        now.set(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void aBurstRunsOnceAfterTheQuietPeriod() {
        at(0);
        debouncer.changed();
        at(100);
        debouncer.changed();
        runNext(); // due at 200: last change at 100, so wait until 300
        assertEquals(0, runs.get());
        runNext();
        assertEquals(TimeUnit.MILLISECONDS.toNanos(300), now.get());
        assertEquals(1, runs.get());
        assertEquals(0, tasks.size());
    }

    @Test
    void aConstantStreamStillRunsWithinTheMaxWait() {
        long ranAt = -1;
        for (long t = 0; t <= 2000 && ranAt < 0; t += 150) {
            while (!scheduled.isEmpty() && scheduled.get(0)[0] <= TimeUnit.MILLISECONDS.toNanos(t)) {
                runNext();
                if (runs.get() > 0) {
                    ranAt = now.get() / 1_000_000;
                }
            }
            at(t);
            debouncer.changed();
        }
        assertEquals(800, ranAt, "a change every 150 ms never leaves 200 ms of quiet; the max wait wins");
    }
}
