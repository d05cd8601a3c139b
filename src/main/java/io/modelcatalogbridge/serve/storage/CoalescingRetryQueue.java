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
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final LinkedHashMap<String, Entry<T>> pending = new LinkedHashMap<>();
    private Thread worker;
    private volatile boolean stopped;

    private record Entry<T>(T task, int attempts, long notBefore) {}

    CoalescingRetryQueue(Settings settings, BinaryOperator<T> merge, Handler<T> handler) {
        this.settings = settings;
        this.merge = merge;
        this.handler = handler;
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
            Map.Entry<String, Entry<T>> next;
            try {
                next = take();
            } catch (InterruptedException e) {
                return;
            }
            process(next.getKey(), next.getValue());
        }
    }

    private Map.Entry<String, Entry<T>> take() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                long now = System.nanoTime();
                long wait = Long.MAX_VALUE;
                for (Map.Entry<String, Entry<T>> e : pending.entrySet()) {
                    long due = e.getValue().notBefore() - now;
                    if (due <= 0) {
                        pending.remove(e.getKey());
                        return Map.entry(e.getKey(), e.getValue());
                    }
                    wait = Math.min(wait, due);
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
        try {
            handler.handle(key, entry.task());
            if (entry.attempts() > 0) {
                LOG.infof("%s: %s succeeded after %d retries", settings.name(), key, entry.attempts());
            }
        } catch (Permanent e) {
            LOG.warnf("%s: %s refused, not retried: %s", settings.name(), key, e.getMessage());
        } catch (Exception e) {
            retry(key, entry, e);
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
