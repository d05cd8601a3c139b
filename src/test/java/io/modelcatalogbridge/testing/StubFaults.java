package io.modelcatalogbridge.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults the {@link StubModelRegistry} injects. Paths are relative to the API root and decoded
 * ({@code /registered_models}, {@code /model_versions/2/artifacts}, {@code /sources/s/models/repo/m}); a path
 * ending in {@code *} matches every path with that prefix. The first matching fault with uses left wins.
 */
public final class StubFaults {

    /**
     * {@code status} 0 = answer normally (after {@code delay}, or once {@code release} is counted down), or with an
     * empty list when {@code empty}; {@code page} 0 = any page.
     */
    record Fault(
            String path, int status, Duration delay, int page, int[] remaining, boolean empty, CountDownLatch release) {
        Fault(String path, int status, Duration delay, int page, int[] remaining) {
            this(path, status, delay, page, remaining, false, null);
        }
    }

    private final List<Fault> faults = new ArrayList<>();
    private final Set<String> repeatTokenPaths = ConcurrentHashMap.newKeySet();
    private final AtomicLong injectedErrors = new AtomicLong();

    /** The next {@code times} requests to {@code path} get {@code status}. */
    public synchronized StubFaults failTimes(String path, int status, int times) {
        faults.add(new Fault(path, status, null, 0, new int[] {times}));
        return this;
    }

    /** Every request to {@code path} gets {@code status} (e.g. 401, 403, 500). */
    public synchronized StubFaults failAlways(String path, int status) {
        faults.add(new Fault(path, status, null, 0, new int[] {-1}));
        return this;
    }

    /** Requests for page {@code page} (1 = first) of the list at {@code path} get {@code status}, every time. */
    public synchronized StubFaults failPage(String path, int page, int status) {
        faults.add(new Fault(path, status, null, page, new int[] {-1}));
        return this;
    }

    /** Every request to {@code path} is answered only after {@code delay} (to provoke client timeouts). */
    public synchronized StubFaults delay(String path, Duration delay) {
        faults.add(new Fault(path, 0, delay, 0, new int[] {-1}));
        return this;
    }

    /**
     * The next {@code times} reads of the list at {@code path} (requests for its first page) are answered 200 with no
     * items and no next page: a registry that reads empty (a restore, a wrong database, a proxy serving a stub). A
     * read already past its first page is not cut short.
     */
    public synchronized StubFaults emptyTimes(String path, int times) {
        faults.add(new Fault(path, 0, null, 1, new int[] {times}, true, null));
        return this;
    }

    /**
     * Every request to {@code path} waits until {@code release} is counted down, then is answered normally: a
     * registry that hangs, for as long as the test wants.
     */
    public synchronized StubFaults hangUntil(String path, CountDownLatch release) {
        faults.add(new Fault(path, 0, null, 0, new int[] {-1}, false, release));
        return this;
    }

    /** The list at {@code path} hands back the token it was given instead of the next one (a broken server). */
    public StubFaults repeatNextPageToken(String path) {
        repeatTokenPaths.add(path);
        return this;
    }

    /** How many error answers the faults have given so far (delays not counted); {@link #clear()} keeps it. */
    public long injectedErrors() {
        return injectedErrors.get();
    }

    public synchronized void clear() {
        faults.clear();
        repeatTokenPaths.clear();
    }

    synchronized Optional<Fault> match(String path, int page) {
        for (Fault f : faults) {
            boolean pathMatches = f.path().endsWith("*")
                    ? path.startsWith(f.path().substring(0, f.path().length() - 1))
                    : path.equals(f.path());
            if (!pathMatches || (f.page() != 0 && f.page() != page) || f.remaining()[0] == 0) {
                continue;
            }
            if (f.remaining()[0] > 0) {
                f.remaining()[0]--;
            }
            if (f.status() != 0) {
                injectedErrors.incrementAndGet();
            }
            return Optional.of(f);
        }
        return Optional.empty();
    }

    boolean repeatsToken(String path) {
        return repeatTokenPaths.contains(path);
    }
}
