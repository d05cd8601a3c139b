package io.modelcatalogbridge.source.kfmr;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Reports a blocking request made on the caller's thread once as slow, the moment it passes a threshold, while it
 * keeps waiting (its time limit is the connection's own: {@code KfmrHttp}). One scheduler thread serves all requests
 * of a registry and ends when idle; no thread is started per request.
 */
final class RequestWatch {

    private static final long IDLE_SECONDS = 10;

    /** The watch of a request that is never reported. */
    private static final Watch UNWATCHED = new Watch();

    private final ScheduledThreadPoolExecutor timer;

    RequestWatch(String name) {
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true); // a finished request's timer goes at once, not when it would have fired
        timer.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
    }

    /**
     * Starts watching a request; close the result when the request returns or fails.
     *
     * @param slowAfter when to call {@code onSlow} if the request is still running; zero: never
     */
    Watch start(Duration slowAfter, Runnable onSlow) {
        if (slowAfter.isZero() || slowAfter.isNegative()) {
            return UNWATCHED;
        }
        Watch w = new Watch();
        w.slow = timer.schedule(() -> w.fire(onSlow), slowAfter.toNanos(), TimeUnit.NANOSECONDS);
        return w;
    }

    /** One watched request. Not reusable. */
    static final class Watch implements AutoCloseable {
        private ScheduledFuture<?> slow;
        /** Guarded by this: set once the request is over, so a late timer does not report it. */
        private boolean over;

        private void fire(Runnable onSlow) {
            synchronized (this) {
                if (over) {
                    return;
                }
            }
            onSlow.run();
        }

        /** Ends the watch. */
        @Override
        public void close() {
            if (slow == null) {
                return;
            }
            synchronized (this) {
                over = true;
            }
            slow.cancel(false);
        }
    }
}
