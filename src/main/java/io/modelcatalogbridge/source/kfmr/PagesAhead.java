package io.modelcatalogbridge.source.kfmr;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The pages of a paged list fetched side by side, by the page tokens its last complete read followed. A page token
 * names where a page starts, and a list whose earlier pages did not change hands out the same tokens again (a new
 * version lands on the last page of {@code orderBy=ID}), so the pages of a sync's read can be asked for at once
 * instead of one after the other, each waiting for the previous page's token. Nothing is trusted: the reader still
 * follows the chain of tokens the pages it reads hand out, and takes a page fetched ahead only for the exact token
 * that chain reaches; where the chain leaves the guessed tokens it reads on one page at a time, and the fetches for
 * the other tokens are stopped. A failed fetch ahead is dropped too: the reader asks again, and that request's
 * failure is the one it reports. The registry's bound on requests in flight applies to these fetches as to all.
 */
final class PagesAhead implements AutoCloseable {

    private final Map<String, Future<byte[]>> byToken;

    private PagesAhead(Map<String, Future<byte[]>> byToken) {
        this.byToken = byToken;
    }

    /** Nothing fetched ahead: every page is read one after the other. */
    static PagesAhead none() {
        return new PagesAhead(new HashMap<>());
    }

    /**
     * Starts fetching the page of every token in {@code tokens}, in order, on {@code pool}.
     *
     * @param fetch GETs the page of one token (its failures are kept from the reader; see the class comment)
     */
    static PagesAhead start(List<String> tokens, Executor pool, Function<String, byte[]> fetch) {
        Map<String, Future<byte[]>> byToken = new HashMap<>();
        for (String token : tokens) {
            if (!byToken.containsKey(token)) {
                FutureTask<byte[]> page = new FutureTask<>(() -> fetch.apply(token));
                byToken.put(token, page);
                pool.execute(page);
            }
        }
        return new PagesAhead(byToken);
    }

    /**
     * A pool for {@link #start}: {@code threads} daemon threads at most, started when pages are fetched and ended
     * after two idle seconds, so a registry client holds no thread at rest and starts none per request.
     */
    static ThreadPoolExecutor pool(int threads) {
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(threads, threads, 2, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "registry-page-ahead");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * The page fetched ahead for {@code token}, waiting for it; empty when none was or its fetch failed. A token
     * that was not guessed means the list changed before the pages still being fetched: those are stopped, so they
     * do not hold the registry's requests in flight while the reader goes on one page at a time.
     */
    Optional<byte[]> take(String token) {
        Future<byte[]> page = byToken.remove(token);
        if (page == null) {
            close();
            return Optional.empty();
        }
        try {
            return Optional.of(page.get());
        } catch (ExecutionException | CancellationException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KfmrConnectionException("registry read interrupted", e);
        }
    }

    /** Stops the fetches of tokens the read did not reach. */
    @Override
    public void close() {
        byToken.values().forEach(f -> f.cancel(true));
        byToken.clear();
    }
}
