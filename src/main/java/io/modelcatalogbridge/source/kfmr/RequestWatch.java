package io.modelcatalogbridge.source.kfmr;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Bounds a blocking request made on the caller's thread: reports it once as slow after a threshold, and interrupts
 * the thread when the whole request (body included) is over its time.
 *
 * <p>Why not {@code HttpClient.sendAsync(...).get(timeout)}: on JDK 17 every {@code sendAsync} completes through the
 * common fork-join pool, which with fewer than three CPUs (a sidecar's 1 CPU) starts a new thread per request — one
 * thread per registry request, 10,000 for a 10,000-version sync. {@code HttpClient.send} completes on the caller's
 * thread and starts none; an interrupt cancels it. One scheduler thread serves all requests of a registry and ends
 * when idle.
 */
final class RequestWatch {

    private static final long IDLE_SECONDS = 10;

    private final ScheduledThreadPoolExecutor timer;

    RequestWatch(String name) {
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true); // a finished request's timers go at once, not when they would have fired
        timer.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
    }

    /**
     * Starts watching the calling thread's request; close the result when the request returns or fails.
     *
     * @param timeout   the whole request's time; past it the thread is interrupted
     * @param slowAfter when to call {@code onSlow} if the request is still running; zero or not before the timeout: never
     */
    Watch start(Duration timeout, Duration slowAfter, Runnable onSlow) {
        Watch w = new Watch(Thread.currentThread());
        if (!slowAfter.isZero() && slowAfter.compareTo(timeout) < 0) {
            w.slow = timer.schedule(() -> w.fire(onSlow), slowAfter.toNanos(), TimeUnit.NANOSECONDS);
        }
        w.expiry = timer.schedule(w::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
        return w;
    }

    /** One watched request. Not reusable. */
    static final class Watch implements AutoCloseable {
        private final Thread owner;
        private ScheduledFuture<?> slow;
        private ScheduledFuture<?> expiry;
        /** Guarded by this: set once the request is over, so a late timer neither reports nor interrupts. */
        private boolean over;
        /** Guarded by this: the timer interrupted the owner. */
        private boolean expired;

        private Watch(Thread owner) {
            this.owner = owner;
        }

        private void fire(Runnable onSlow) {
            synchronized (this) {
                if (over) {
                    return;
                }
            }
            onSlow.run();
        }

        private synchronized void expire() {
            if (!over) {
                expired = true;
                owner.interrupt();
            }
        }

        /** Whether the request ran out of time (the interrupt the caller saw was ours). */
        synchronized boolean expired() {
            return expired;
        }

        /** Ends the watch; an interrupt of ours that the request did not consume is cleared, so it reaches nobody else. */
        @Override
        public void close() {
            synchronized (this) {
                over = true;
                if (expired) {
                    Thread.interrupted();
                }
            }
            if (slow != null) {
                slow.cancel(false);
            }
            expiry.cancel(false);
        }
    }
}
