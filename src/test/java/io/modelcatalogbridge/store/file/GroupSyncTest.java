package io.modelcatalogbridge.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.testing.Waits;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The File store's group commit: a write is acknowledged only after a directory fsync that began after the write's
 * rename has completed, and writers that arrive during an fsync share the next one.
 */
class GroupSyncTest {

    /** A stand-in for the disk: counts changes made and, per completed fsync, how many changes it covered. */
    private static final class Disk {
        final AtomicLong changes = new AtomicLong();
        final AtomicLong durableChanges = new AtomicLong();
        final AtomicInteger fsyncs = new AtomicInteger();
        final CountDownLatch firstFsyncStarted = new CountDownLatch(1);
        final CountDownLatch releaseFirstFsync = new CountDownLatch(1);

        void fsync() {
            long covered = changes.get();
            if (fsyncs.incrementAndGet() == 1) {
                firstFsyncStarted.countDown();
                await(releaseFirstFsync);
            }
            durableChanges.accumulateAndGet(covered, Math::max);
        }

        /** One writer: makes its change, syncs, and answers whether the change was durable when sync returned. */
        boolean write(GroupSync sync) {
            long mine = changes.incrementAndGet();
            sync.sync();
            return durableChanges.get() >= mine;
        }
    }

    @Test
    void writersArrivingDuringAnFsyncShareTheNextOneAndEachIsDurableWhenAcknowledged() throws Exception {
        Disk disk = new Disk();
        GroupSync sync = new GroupSync(disk::fsync);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<Boolean> first = pool.submit(() -> disk.write(sync));
            await(disk.firstFsyncStarted);
            List<Future<Boolean>> later = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                later.add(pool.submit(() -> disk.write(sync)));
            }
            // All three changed the "disk" after the running fsync began: it must not acknowledge them.
            Waits.await().until(() -> sync.waiting() == 3);
            disk.releaseFirstFsync.countDown();
            assertTrue(first.get(), "the first write is durable when acknowledged");
            for (Future<Boolean> f : later) {
                assertTrue(f.get(), "a write that arrived during an fsync is acknowledged only after a later one");
            }
            assertEquals(2, disk.fsyncs.get(), "the three writers that waited shared one fsync");
        } finally {
            disk.releaseFirstFsync.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aLoneWriterGetsAnFsyncOfItsOwnEveryTime() {
        Disk disk = new Disk();
        disk.releaseFirstFsync.countDown();
        GroupSync sync = new GroupSync(disk::fsync);
        for (int i = 0; i < 5; i++) {
            assertTrue(disk.write(sync), "write " + i + " durable when acknowledged");
        }
        assertEquals(5, disk.fsyncs.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(Waits.ceiling().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("latch not released within " + Waits.ceiling());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
