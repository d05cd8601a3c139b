package io.modelcatalogbridge.serve.storage;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BinaryOperator;
import org.jboss.logging.Logger;

/**
 * A bounded work queue keyed by document key, drained by one background thread. A newer task for a key replaces
 * (or merges with) the pending one, so a key is at most once in the queue and the newest state wins. A failed task
 * is retried with exponential backoff up to a maximum number of attempts; a {@link Permanent} failure is dropped at
 * once. When the queue is full the oldest entry is dropped with a warning: callers never block.
 *
 * @param <T> the task
 */
final class CoalescingRetryQueue<T> {

    /** Does one task; throwing schedules a retry. */
    interface Handler<T> {
        void handle(String key, T task) throws Exception;
    }

    /**
     * Does several tasks of different keys at once (one request for many); the answer names the keys that failed and
     * why ({@link Permanent} or any other exception, which schedules a retry); a key it does not name succeeded.
     * Throwing fails every task of the call.
     */
    interface BatchHandler<T> {
        Map<String, Exception> handleAll(Map<String, T> tasks) throws Exception;
    }

    /** A failure that retrying cannot fix (the peer refused the request itself). */
    static final class Permanent extends RuntimeException {
        Permanent(String message) {
            super(message, null, false, false);
        }
    }

    /** Queue settings. */
    record Settings(String name, int capacity, int maxAttempts, Duration initialBackoff, Duration maxBackoff) {}

    private static final Logger LOG = Logger.getLogger(CoalescingRetryQueue.class);

    private final Settings settings;
    private final BinaryOperator<T> merge;
    private final Handler<T> handler;
    private final BatchHandler<T> batchHandler;
    private final int batchMax;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final LinkedHashMap<String, Entry<T>> pending = new LinkedHashMap<>();
    private Thread worker;
    private volatile boolean stopped;

    private record Entry<T>(T task, int attempts, long notBefore) {}

    CoalescingRetryQueue(Settings settings, BinaryOperator<T> merge, Handler<T> handler) {
        this(settings, merge, handler, null, 1);
    }

    /**
     * A queue that hands up to {@code batchMax} due tasks (of different keys) to {@code batchHandler} at once; a
     * single due task goes to {@code handler}. A key is still in at most one call at a time, and a task submitted
     * while its key's call runs waits for the next one, so the newest state of a key is always sent last.
     */
    CoalescingRetryQueue(
            Settings settings,
            BinaryOperator<T> merge,
            Handler<T> handler,
            BatchHandler<T> batchHandler,
            int batchMax) {
        if (batchMax < 1) {
            throw new IllegalArgumentException(settings.name() + ": batch size must be at least 1, got " + batchMax);
        }
        this.settings = settings;
        this.merge = merge;
        this.handler = handler;
        this.batchHandler = batchHandler;
        this.batchMax = batchHandler == null ? 1 : batchMax;
    }

    void start() {
        worker = new Thread(this::run, settings.name());
        worker.setDaemon(true);
        worker.start();
    }

    void stop() {
        stopped = true;
        if (worker != null) {
            worker.interrupt();
        }
    }

    /** Queues a task for a key; never blocks. */
    void submit(String key, T task) {
        lock.lock();
        try {
            Entry<T> old = pending.remove(key);
            if (old == null && pending.size() >= settings.capacity()) {
                Iterator<Map.Entry<String, Entry<T>>> oldest =
                        pending.entrySet().iterator();
                String dropped = oldest.next().getKey();
                oldest.remove();
                LOG.warnf(
                        "%s: queue full (%d), dropped pending work for %s",
                        settings.name(), settings.capacity(), dropped);
            }
            pending.put(key, new Entry<>(old == null ? task : merge.apply(old.task(), task), 0, 0));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (!stopped) {
            LinkedHashMap<String, Entry<T>> due;
            try {
                due = take();
            } catch (InterruptedException e) {
                return;
            }
            if (due.size() == 1) {
                Map.Entry<String, Entry<T>> next = due.entrySet().iterator().next();
                process(next.getKey(), next.getValue());
            } else {
                processAll(due);
            }
        }
    }

    /** Waits until at least one task is due and takes the due ones, oldest first, at most {@link #batchMax}. */
    private LinkedHashMap<String, Entry<T>> take() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                long now = System.nanoTime();
                long wait = Long.MAX_VALUE;
                LinkedHashMap<String, Entry<T>> due = new LinkedHashMap<>();
                Iterator<Map.Entry<String, Entry<T>>> it = pending.entrySet().iterator();
                while (it.hasNext() && due.size() < batchMax) {
                    Map.Entry<String, Entry<T>> e = it.next();
                    long left = e.getValue().notBefore() - now;
                    if (left <= 0) {
                        due.put(e.getKey(), e.getValue());
                        it.remove();
                    } else {
                        wait = Math.min(wait, left);
                    }
                }
                if (!due.isEmpty()) {
                    return due;
                }
                if (wait == Long.MAX_VALUE) {
                    changed.await();
                } else {
                    changed.await(wait, TimeUnit.NANOSECONDS);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void process(String key, Entry<T> entry) {
        Exception failure = null;
        try {
            handler.handle(key, entry.task());
        } catch (Exception e) {
            failure = e;
        }
        settle(key, entry, failure);
    }

    private void processAll(LinkedHashMap<String, Entry<T>> due) {
        Map<String, T> tasks = new LinkedHashMap<>();
        due.forEach((key, entry) -> tasks.put(key, entry.task()));
        Map<String, Exception> failures;
        try {
            failures = batchHandler.handleAll(tasks);
        } catch (Exception e) {
            failures = new LinkedHashMap<>();
            for (String key : due.keySet()) {
                failures.put(key, e);
            }
        }
        for (Map.Entry<String, Entry<T>> e : due.entrySet()) {
            settle(e.getKey(), e.getValue(), failures.get(e.getKey()));
        }
    }

    /** After a task's call: done ({@code failure} null), refused for good, or retried. */
    private void settle(String key, Entry<T> entry, Exception failure) {
        if (failure == null) {
            if (entry.attempts() > 0) {
                LOG.infof("%s: %s succeeded after %d retries", settings.name(), key, entry.attempts());
            }
        } else if (failure instanceof Permanent) {
            LOG.warnf("%s: %s refused, not retried: %s", settings.name(), key, failure.getMessage());
        } else {
            retry(key, entry, failure);
        }
    }

    private void retry(String key, Entry<T> entry, Exception failure) {
        int attempts = entry.attempts() + 1;
        if (attempts >= settings.maxAttempts()) {
            LOG.warnf(
                    "%s: giving up on %s after %d attempts: %s", settings.name(), key, attempts, failure.getMessage());
            return;
        }
        if (attempts == 1) {
            LOG.warnf("%s: %s failed, will retry: %s", settings.name(), key, failure.getMessage());
        } else {
            LOG.debugf("%s: %s failed again (attempt %d): %s", settings.name(), key, attempts, failure.getMessage());
        }
        long delay = Math.min(
                settings.maxBackoff().toNanos(), settings.initialBackoff().toNanos() << Math.min(attempts - 1, 20));
        lock.lock();
        try {
            Entry<T> newer = pending.remove(key);
            T task = newer == null ? entry.task() : merge.apply(entry.task(), newer.task());
            // a newer submission restarts the count: it is new work, not the same failure again
            pending.put(
                    key,
                    new Entry<>(task, newer == null ? attempts : 0, newer == null ? System.nanoTime() + delay : 0));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
