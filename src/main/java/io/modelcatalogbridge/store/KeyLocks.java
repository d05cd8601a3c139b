package io.modelcatalogbridge.store;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Striped per-key locks: operations on one key are serialised (read-compare-write stays atomic) while different
 * keys proceed in parallel. A fixed stripe count keeps memory bounded however many keys exist.
 */
public final class KeyLocks {

    private final ReentrantLock[] stripes;

    public KeyLocks(int stripeCount) {
        stripes = new ReentrantLock[stripeCount];
        for (int i = 0; i < stripeCount; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    public <T> T withLock(String key, Supplier<T> action) {
        ReentrantLock lock = stripes[Math.floorMod(key.hashCode(), stripes.length)];
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
