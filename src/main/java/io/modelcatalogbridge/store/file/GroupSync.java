package io.modelcatalogbridge.store.file;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit of one fsync (the File store's directory fsync after a rename): a writer calls {@link #sync()} once its
 * change is in place and returns only after an fsync that <em>began after</em> that change has completed, so what it
 * acknowledges survives a crash. Writers that arrive while an fsync runs wait for the next one and share it: with
 * four upserts in flight, one directory fsync makes up to four renames durable instead of one each.
 */
final class GroupSync {

    /** The fsync itself. */
    interface Action {
        void run();
    }

    private final Action fsync;
    /** Changes announced so far; a writer's ticket is this count right after its change. */
    private final AtomicLong announced = new AtomicLong();

    private final ReentrantLock lock = new ReentrantLock();
    /** Every ticket up to this one is durable (guarded by {@link #lock}). */
    private long durable;

    GroupSync(Action fsync) {
        this.fsync = fsync;
    }

    /** Returns once the caller's change, made before this call, is covered by a completed fsync. */
    void sync() {
        long ticket = announced.incrementAndGet();
        lock.lock();
        try {
            if (durable >= ticket) {
                return; // an fsync that began after this change has completed while this writer waited
            }
            // Every ticket taken so far belongs to a change already made: the fsync about to begin covers them all.
            long covered = announced.get();
            fsync.run();
            durable = covered;
        } finally {
            lock.unlock();
        }
    }

    /** Writers waiting for their fsync while another runs (tests observe grouping through this). */
    int waiting() {
        return lock.getQueueLength();
    }
}
