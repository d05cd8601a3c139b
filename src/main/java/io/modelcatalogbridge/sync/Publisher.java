package io.modelcatalogbridge.sync;

import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.model.ModelCard;
import io.modelcatalogbridge.render.Renderer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;

/**
 * Renders documents and sends only what changed since the last successful send (hash per key), then — only when
 * every source was read completely — the current key set, which makes storage drop everything else. Changed
 * documents go to storage a bounded number at a time (a first sync of 10,000 versions would otherwise wait for
 * 10,000 round trips one after the other). Not thread-safe: the engine calls it from its single sync thread.
 */
final class Publisher {

    private static final Logger LOG = Logger.getLogger(Publisher.class);

    private record Sent(String hash, long lastUpdated) {}

    /** Counts of one publish. */
    record Outcome(int upserted, int unchanged, int failed, int removed, boolean keySetSent, List<String> errors) {
        boolean succeeded() {
            return failed == 0 && errors.isEmpty();
        }
    }

    /** A changed document waiting to be sent, and what was last sent for its key. */
    private record Pending(Rendered rendered, Sent previous) {}

    /** What one send ended in; {@code sent} is what to remember for the key (null: nothing, try again next sync). */
    private record Result(Sent sent, boolean upserted, String error) {}

    private final DocumentSink sink;
    private final Renderer renderer;
    private final int concurrency;
    private final Map<String, Sent> sent = new HashMap<>();
    private Set<String> lastKeySet;

    Publisher(DocumentSink sink, Renderer renderer) {
        this(sink, renderer, 1);
    }

    /** @param concurrency most upserts in flight to storage at once */
    Publisher(DocumentSink sink, Renderer renderer, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("storage concurrency must be at least 1, got " + concurrency);
        }
        this.sink = sink;
        this.renderer = renderer;
        this.concurrency = concurrency;
    }

    /** Counts of one publish while it runs. */
    private static final class Tally {
        int upserted;
        int unchanged;
        int failed;
        int removed;
        boolean keySetSent;
        final List<String> errors = new ArrayList<>();

        /** Keeps the first few errors: one line per sync must stay readable with 10,000 failing documents. */
        void failed(String error) {
            failed++;
            if (errors.size() < 5) {
                errors.add(error);
            }
        }

        Outcome outcome() {
            return new Outcome(upserted, unchanged, failed, removed, keySetSent, errors);
        }
    }

    /** Sends every document that changed, then the key set when {@code options} allow. */
    Outcome publish(List<CatalogDocument> documents, PublishOptions options) {
        Tally tally = new Tally();
        Set<String> keys = new TreeSet<>();
        List<Pending> batch = new ArrayList<>();
        // Changed documents go out in batches so a 10,000-document first sync never holds every rendered body.
        int batchSize = 64 * concurrency;
        try (Sender sender = new Sender()) {
            for (CatalogDocument doc : documents) {
                keys.add(doc.key().storageKey());
                Pending p = changed(doc, tally);
                if (p != null) {
                    batch.add(p);
                }
                if (batch.size() == batchSize) {
                    sender.send(batch, tally);
                    batch.clear();
                }
            }
            sender.send(batch, tally);
        }
        if (options.complete() && (options.alwaysSendKeySet() || !keys.equals(lastKeySet))) {
            sendKeySet(keys, tally);
        }
        return tally.outcome();
    }

    /** One document rendered for sending. */
    private record Rendered(CatalogDocument doc, String key, byte[] body, String hash) {
        DocumentSink.Outgoing at(long stamp) {
            return new DocumentSink.Outgoing(key, doc.kind(), body, stamp, doc.modelCard());
        }
    }

    /** Renders one document; null (counted unchanged) when storage already has these bytes from this process. */
    private Pending changed(CatalogDocument doc, Tally tally) {
        String key = doc.key().storageKey();
        byte[] body = renderer.render(doc);
        Rendered rendered = new Rendered(doc, key, body, hash(body, doc));
        Sent previous = sent.get(key);
        if (previous != null && previous.hash().equals(rendered.hash())) {
            tally.unchanged++;
            return null;
        }
        return new Pending(rendered, previous);
    }

    /** Sends batches, {@link #concurrency} upserts at a time, and records what was sent (on the sync thread). */
    private final class Sender implements AutoCloseable {
        private ExecutorService pool;

        void send(List<Pending> batch, Tally tally) {
            List<Result> results = concurrency == 1 || batch.size() <= 1
                    ? batch.stream().map(Publisher.this::upsert).toList()
                    : inPool(batch);
            for (int i = 0; i < batch.size(); i++) {
                Result r = results.get(i);
                if (r.sent() != null) {
                    sent.put(batch.get(i).rendered().key(), r.sent());
                }
                if (r.upserted()) {
                    tally.upserted++;
                } else if (r.error() == null) {
                    tally.unchanged++;
                } else {
                    tally.failed(r.error());
                }
            }
        }

        private List<Result> inPool(List<Pending> batch) {
            if (pool == null) {
                pool = Executors.newFixedThreadPool(concurrency, r -> {
                    Thread t = new Thread(r, "normalizer-upsert");
                    t.setDaemon(true);
                    return t;
                });
            }
            try {
                List<Future<Result>> futures = pool.invokeAll(batch.stream()
                        .map(p -> (Callable<Result>) () -> upsert(p))
                        .toList());
                List<Result> out = new ArrayList<>(batch.size());
                for (Future<Result> f : futures) {
                    out.add(f.get());
                }
                return out;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("publishing interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("an upsert task failed unexpectedly", e.getCause());
            }
        }

        @Override
        public void close() {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /** One document to storage; never throws (a failure is a result). Safe to call from several threads. */
    private Result upsert(Pending p) {
        Rendered r = p.rendered();
        String key = r.key();
        Sent previous = p.previous();
        // Storage refuses an upsert older than what it holds; a change that lowers the newest input time (a
        // deployment went away) must still replace the document, so the time never goes backwards per key.
        long stamp = previous == null || r.doc().lastUpdated() > previous.lastUpdated()
                ? r.doc().lastUpdated()
                : previous.lastUpdated() + 1;
        try {
            DocumentSink.Stored stored = sink.upsert(r.at(stamp));
            if (stored.stale() && previous == null && stored.storedTime() >= stamp) {
                // Storage holds a newer time than this process ever sent: an earlier normalizer's (the +1 above
                // does not survive a restart), or one from before a change that lowered the time while no
                // normalizer ran (a deployment removed). What was just read is current, so it goes in just
                // after the stored time. Later refusals are respected: then another writer is newer.
                stamp = stored.storedTime() + 1;
                stored = sink.upsert(r.at(stamp));
                LOG.debugf("%s: storage held a newer time; re-sent with %d", key, stamp);
            }
            if (stored.stale() && previous == null) {
                // Storage moved on between the two calls: not recorded as sent, so tried again next sync.
                return new Result(
                        null, false, "upsert " + key + ": storage holds a newer version (" + stored.storedTime() + ")");
            }
            if (stored.stale()) {
                LOG.debugf("%s: storage keeps its newer version (%d)", key, stored.storedTime());
                return new Result(new Sent(r.hash(), stamp), false, null);
            }
            LOG.debugf("upserted %s (%s)", key, r.doc().sourceId());
            return new Result(new Sent(r.hash(), stamp), true, null);
        } catch (RuntimeException e) {
            return new Result(null, false, "upsert " + key + ": " + e.getMessage());
        }
    }

    /** Tells storage the complete key set; storage drops every other key. */
    private void sendKeySet(Set<String> keys, Tally tally) {
        try {
            sink.currentKeySet(keys);
            tally.keySetSent = true;
            tally.removed =
                    (int) sent.keySet().stream().filter(k -> !keys.contains(k)).count();
            sent.keySet().retainAll(keys);
            lastKeySet = keys;
        } catch (RuntimeException e) {
            tally.errors.add("current key set: " + e.getMessage());
        }
    }

    /** Keys sent and not yet pruned (for tests and metrics). */
    int knownKeys() {
        return sent.size();
    }

    private static String hash(byte[] body, CatalogDocument doc) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(body);
            md.update((byte) 0);
            md.update(doc.kind().wireName().getBytes(StandardCharsets.UTF_8));
            if (doc.modelCard().isPresent()) {
                ModelCard card = doc.modelCard().get();
                md.update((byte) 0);
                md.update(card.key().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(card.markdown().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
