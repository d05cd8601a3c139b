package io.modelcatalogbridge.serve.storage;

import io.modelcatalogbridge.backstage.BackstageCatalogClient;
import io.modelcatalogbridge.backstage.BackstageConfig;
import io.modelcatalogbridge.backstage.BackstageException;
import io.modelcatalogbridge.store.StoredDocument;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Keeps one Backstage location per stored document ({@code PUSH_TO_RHDH}): imports it when the document has none,
 * re-imports it when Backstage no longer knows the stored id, asks Backstage to refresh it after the content
 * changed, and deletes it when the key is pruned. All calls run on a background queue with retries, so Backstage
 * being down never blocks storing or serving. Work is keyed by document key (the newest state wins) and, for
 * deletions, by location id (a deletion survives a re-creation of the same key).
 */
final class BackstageLocationSync implements DocumentListener {

    private static final Logger LOG = Logger.getLogger(BackstageLocationSync.class);
    private static final String DELETE_PREFIX = "delete:";

    /** Work for one queue key: sync a document (refresh if its content changed) or delete a location id. */
    record Task(boolean refresh, String deleteLocationId) {
        static Task sync(boolean refresh) {
            return new Task(refresh, null);
        }
    }

    private final BackstageCatalogClient client;
    private final BackstageConfig config;
    private final LocationTargets targets;
    private final LocationBook book;
    private final CoalescingRetryQueue<Task> queue;

    BackstageLocationSync(
            BackstageCatalogClient client, BackstageConfig config, LocationTargets targets, LocationBook book) {
        this.client = client;
        this.config = config;
        this.targets = targets;
        this.book = book;
        this.queue = new CoalescingRetryQueue<>(
                new CoalescingRetryQueue.Settings(
                        "push-to-backstage",
                        100_000,
                        config.maxAttempts(),
                        Duration.ofMillis(500),
                        config.maxBackoff()),
                (older, newer) -> new Task(older.refresh() || newer.refresh(), newer.deleteLocationId()),
                this::handle);
        queue.start();
    }

    @Override
    public void changed(String key, StoredDocument doc, boolean contentChanged) {
        queue.submit(key, Task.sync(contentChanged));
    }

    @Override
    public void removed(String key, StoredDocument removed) {
        if (!removed.locationId().isEmpty()) {
            queue.submit(DELETE_PREFIX + removed.locationId(), new Task(false, removed.locationId()));
        }
    }

    /** At start, every document is checked: imported if it never was, re-imported if Backstage forgot it. */
    @Override
    public void loaded(Map<String, StoredDocument> all) {
        all.keySet().forEach(k -> queue.submit(k, Task.sync(false)));
    }

    @Override
    public void stop() {
        queue.stop();
    }

    private void handle(String key, Task task) {
        try {
            if (task.deleteLocationId() != null) {
                client.deleteLocation(task.deleteLocationId());
                LOG.infof("deleted Backstage location %s", task.deleteLocationId());
            } else {
                sync(key, task.refresh());
            }
        } catch (BackstageException e) {
            if (!e.retryable()) {
                throw new CoalescingRetryQueue.Permanent(e.getMessage());
            }
            throw e;
        }
    }

    private void sync(String key, boolean refresh) {
        Optional<StoredDocument> doc = book.current(key);
        if (doc.isEmpty()) {
            return; // removed meanwhile: the removal queued the deletion
        }
        String target = targets.targetFor(key);
        String id = doc.get().locationId();
        if (!id.isEmpty()) {
            Optional<BackstageCatalogClient.Location> known = client.getLocation(id);
            if (known.isPresent()) {
                if (!doc.get().locationIdValid()) {
                    book.recordLocation(key, id, doc.get().locationTarget(), true);
                }
                if (refresh) {
                    client.refresh(BackstageCatalogClient.locationEntityRef(
                            config.locationType(),
                            known.get().target().isEmpty()
                                    ? target
                                    : known.get().target()));
                }
                return;
            }
            LOG.infof("Backstage no longer knows location %s of %s; importing it again", id, key);
            book.recordLocation(key, "", "", false);
        }
        BackstageCatalogClient.Location loc = client.importLocation(config.locationType(), target);
        book.recordLocation(key, loc.id(), loc.target().isEmpty() ? target : loc.target(), true);
        LOG.infof("imported %s as Backstage location %s", key, loc.id());
    }
}
