package io.modelcatalogbridge.serve.location;

import io.modelcatalogbridge.storageapi.StorageApi;
import io.modelcatalogbridge.storageapi.StorageApi.StorageException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Keeps the read model in step with storage: a first full load retried with exponential backoff until storage
 * answers (location is not ready before), then a full reload every reconcile interval so that a lost push heals by
 * itself. Pushes themselves go straight to the {@link ReadModel}.
 */
final class StorageSync {

    private static final Logger LOG = Logger.getLogger(StorageSync.class);

    private final ReadModel model;
    private final StorageLoader loader;
    private final LocationConfig config;
    private final String storageUrl;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService fetchers;
    private volatile String lastError = "first load from storage not attempted yet";

    StorageSync(ReadModel model, StorageApi client, LocationConfig config) {
        this.model = model;
        this.config = config;
        this.storageUrl = client.describe();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("location-sync"));
        this.fetchers = Executors.newFixedThreadPool(Math.max(1, config.loadParallelism()), daemon("location-fetch"));
        this.loader = new StorageLoader(client, fetchers, Math.max(1, config.loadPageSize()));
    }

    void start() {
        scheduler.execute(() -> firstLoad(config.loadRetryMin()));
    }

    void stop() {
        scheduler.shutdownNow();
        fetchers.shutdownNow();
    }

    /** Why location is not ready yet (meaningful until the first load succeeded). */
    String lastError() {
        return lastError;
    }

    private void firstLoad(Duration wait) {
        if (reload(true)) {
            long every = config.reconcileInterval().toMillis();
            scheduler.scheduleWithFixedDelay(() -> reload(false), every, every, TimeUnit.MILLISECONDS);
            return;
        }
        Duration next = wait.multipliedBy(2).compareTo(config.loadRetryMax()) > 0
                ? config.loadRetryMax()
                : wait.multipliedBy(2);
        LOG.warnf(
                "location cannot load from storage at %s yet (%s); retrying in %d ms",
                storageUrl, lastError, wait.toMillis());
        scheduler.schedule(() -> firstLoad(next), wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One full reload; never throws, so the scheduled task keeps running. */
    private boolean reload(boolean first) {
        ReadModel.ReloadTicket ticket = model.beginReload();
        long start = System.nanoTime();
        try {
            StorageLoader.Loaded loaded = loader.load();
            ReadModel.ReloadSummary s = model.completeReload(ticket, loaded.documents(), loaded.unreadable());
            if (first || s.changed() || !loaded.unreadable().isEmpty()) {
                LOG.infof(
                        "location %s from storage in %d ms: %d listed (%d added, %d updated, %d unchanged, "
                                + "%d removed, %d kept from pushes during the load, %d unreadable)",
                        first ? "loaded" : "reconciled",
                        (System.nanoTime() - start) / 1_000_000,
                        s.listed(),
                        s.added(),
                        s.updated(),
                        s.unchanged(),
                        s.removed(),
                        s.keptFromPushes(),
                        loaded.unreadable().size());
            } else {
                LOG.debugf("location reconciled with storage: %d documents, no change", s.listed());
            }
            return true;
        } catch (StorageException e) {
            model.abandonReload(ticket);
            lastError = e.getMessage();
            if (!first) {
                LOG.warnf("location could not reconcile with storage (keeps serving what it has): %s", lastError);
            }
            return false;
        } catch (RuntimeException e) {
            model.abandonReload(ticket);
            lastError = e.toString();
            LOG.errorf(e, "location reload failed unexpectedly");
            return false;
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
