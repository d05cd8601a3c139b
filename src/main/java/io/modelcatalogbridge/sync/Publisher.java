package io.modelcatalogbridge.sync;

import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.model.EpochMillis;
import io.modelcatalogbridge.model.ModelCard;
import io.modelcatalogbridge.render.Renderer;
import io.modelcatalogbridge.storageapi.ContentDigest;
import io.modelcatalogbridge.sync.DocumentSink.Holding;
import io.modelcatalogbridge.sync.DocumentSink.Holdings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Makes storage hold the rendered desired documents, level-triggered: a full sync first lists what storage actually
 * holds ({@link DocumentSink#holdings()}: key, content digest, time, source) and sends every document that is missing
 * there, differs, or carries a time storage should not keep — whatever made storage lose or change it (restarted
 * empty, a shard deleted, a backup restored, a stray key set). Documents that changed since this process last
 * published them do not wait for that listing: they are sent while it is on its way. Then, only when every source was
 * read completely and storage was listed, documents no source has any more are removed, through the
 * {@link RemovalGuard}. A delta compares with what the
 * last listing and this process's own sends say storage holds, without reading storage.
 *
 * <p>Documents to send go to storage in batches of at most {@code batchSize} ({@link DocumentSink#upsertAll}: one
 * {@code POST /upserts} each), a bounded number of batches at a time ({@code storageConcurrency}); every decision and
 * every answer is handled on the sync thread. Not thread-safe: the engine calls it from its single sync thread.
 */
final class Publisher {

    private static final Logger LOG = Logger.getLogger(Publisher.class);

    /** What this process last stored for a key: the content digest and the time it was sent with. */
    private record Sent(String digest, long stamp) {}

    /** Documents per batch to storage unless configured ({@code bridge.normalizer.storage-batch-size}). */
    static final int DEFAULT_BATCH_SIZE = 100;

    /** Source of a stored document that no upsert named and this process never published. */
    static final String UNKNOWN_SOURCE = "(unknown)";

    /** What became of the key set in one publish. */
    enum KeySet {
        /** Nothing to remove (or nothing allowed: incomplete data). */
        NOT_NEEDED,
        SENT,
        /** Storage could not be told; the removals are tried again at the next sync. */
        FAILED
    }

    /**
     * Counts of one publish.
     *
     * @param rendered  documents rendered in this publish: new or changed since the last one, or re-sent
     * @param upserted  documents storage took
     * @param unchanged documents storage already held exactly
     * @param refused   documents storage holds newer (another writer's), so not replaced
     * @param failed    documents that could not be sent (tried again at the next sync)
     * @param repaired  documents sent only because storage no longer held what this process had sent
     * @param removed   keys removed from storage
     * @param held      removals held back by the guard, per source
     * @param keySet    what became of the key set
     * @param listed    documents storage listed (full syncs), or -1 when it was not (deltas) or could not be (error)
     * @param errors    the first few failures, one line each
     * @param warnings  the removal guard's lines (held, or applied after the guard)
     */
    record Outcome(
            int rendered,
            int upserted,
            int unchanged,
            int refused,
            int failed,
            int repaired,
            int removed,
            SortedMap<String, RemovalGuard.Held> held,
            KeySet keySet,
            int listed,
            List<String> errors,
            List<String> warnings) {

        boolean keySetSent() {
            return keySet == KeySet.SENT;
        }

        /** Storage answered every call of this publish (the listing, if any, every upsert and the key set). */
        boolean reachedStorage() {
            return errors.isEmpty();
        }
    }

    /** Counts of one publish while it runs. */
    private static final class Tally {
        int rendered;
        int upserted;
        int unchanged;
        int refused;
        int failed;
        int repaired;
        int removed;
        int listed = -1;
        /** Keys sent by the parts of a sync published ahead of it ({@link #publishPart}); {@code null}: none. */
        Set<String> sent;

        KeySet keySet = KeySet.NOT_NEEDED;
        SortedMap<String, RemovalGuard.Held> held = new TreeMap<>();
        final List<String> errors = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();

        /** Keeps the first few errors: one line per sync must stay readable with 10,000 failing documents. */
        void error(String error) {
            if (errors.size() < 5) {
                errors.add(error);
            }
        }

        void failed(String error) {
            failed++;
            error(error);
        }

        /** A refusal is an answer, not a failure: storage was reached and keeps a newer version. */
        void refused(String line) {
            refused++;
            if (refused <= 5) {
                warnings.add(line);
            }
        }

        Outcome outcome() {
            return new Outcome(
                    rendered, upserted, unchanged, refused, failed, repaired, removed, held, keySet, listed, errors,
                    warnings);
        }
    }

    /**
     * One document to compare with storage: its content digest, and its bytes once rendered ({@code null} while the
     * digest comes from the last publish and nothing needs sending).
     */
    private record Rendered(CatalogDocument doc, String key, byte[] body, String digest) {
        DocumentSink.Outgoing at(long stamp) {
            return new DocumentSink.Outgoing(key, doc.kind(), body, stamp, doc.modelCard(), doc.sourceId());
        }
    }

    /** A document as last published and its content digest. */
    private record Digested(CatalogDocument doc, String digest) {}

    private final DocumentSink sink;
    private final Renderer renderer;
    private final int concurrency;
    private final int batchSize;
    private final EpochMillis times;
    private final RemovalGuard guard;
    private final Map<String, Sent> sent = new HashMap<>();
    /** What storage holds as far as this process knows: the last listing, updated by every send since. */
    private final SortedMap<String, Holding> stored = new TreeMap<>();
    /** Sources of the keys this process published, for stored documents that do not name theirs. */
    private final Map<String, String> sourceOf = new HashMap<>();
    /**
     * The documents of the last publish and their digests, by key. Rendering is pure, so a document equal to the one
     * digested then has the same digest: it is compared with storage without being rendered and hashed again. A
     * delta after one KServe event thus renders one document, not 10,000 (the assembler hands back unchanged
     * documents as the same objects, so most comparisons are one reference check). Documents only, no bodies: the
     * few that must be sent are rendered then. Updated in place, entry by entry, as documents change: a publish where
     * little changed allocates next to nothing that outlives it (a new map of 10,000 entries per publish was garbage
     * that lived long enough to reach the old generation, and old-generation garbage costs a full collection).
     */
    private final Map<String, Digested> digested = new HashMap<>();
    /**
     * What the parts published ahead of the next full publish did ({@link #publishPart}): its listing, counts and the
     * keys sent; {@code null} when no part was published since the last full publish.
     */
    private Tally early;
    /** A listing of storage started by {@link #startListing} and not yet taken by a full publish. */
    private Future<Holdings> listing;
    /** What this process stored ({@link #REMOVED}: removed) since {@link #listing} began, by key. */
    private Map<String, Holding> changedSinceListing;
    /** Marks a removed key in {@link #changedSinceListing}. */
    private static final Holding REMOVED = new Holding(null, null, null);

    Publisher(DocumentSink sink, Renderer renderer) {
        this(sink, renderer, 1);
    }

    /** @param concurrency most upserts in flight to storage at once */
    Publisher(DocumentSink sink, Renderer renderer, int concurrency) {
        this(sink, renderer, concurrency, EpochMillis.systemDefault(), RemovalGuard.Settings.defaults());
    }

    Publisher(DocumentSink sink, Renderer renderer, int concurrency, EpochMillis times, RemovalGuard.Settings guard) {
        this(sink, renderer, concurrency, DEFAULT_BATCH_SIZE, times, guard);
    }

    /**
     * @param concurrency most batches in flight to storage at once
     * @param batchSize   most documents in one batch (1: one {@code POST /upsert} per document)
     */
    Publisher(
            DocumentSink sink,
            Renderer renderer,
            int concurrency,
            int batchSize,
            EpochMillis times,
            RemovalGuard.Settings guard) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("storage concurrency must be at least 1, got " + concurrency);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("storage batch size must be at least 1, got " + batchSize);
        }
        this.sink = sink;
        this.renderer = renderer;
        this.concurrency = concurrency;
        this.batchSize = batchSize;
        this.times = times;
        this.guard = new RemovalGuard(guard);
    }

    /** Sends every document storage does not hold as rendered, then removes what no source has, as allowed. */
    Outcome publish(List<CatalogDocument> documents, PublishOptions options) {
        Tally tally = new Tally();
        Set<String> sentAhead = Set.of();
        if (options.reconcile()) {
            if (listing != null) {
                sentAhead = sendAheadOfListing(documents, tally);
                takeListing(tally);
            } else if (early != null && early.listed >= 0) {
                // Listed by a part published in this sync; what was sent since is laid over it already.
                tally.listed = early.listed;
            } else {
                list(tally);
            }
        }
        Set<String> desired = new HashSet<>();
        sendChanged(documents, tally, desired, sentAhead);
        if (early != null) {
            // What the parts of this sync sent counts as this publish's (it finds those documents held by storage).
            tally.rendered += early.rendered;
            tally.upserted += early.upserted;
            tally.repaired += early.repaired;
            early = null;
        }
        if (digested.size() > desired.size()) {
            digested.keySet().retainAll(desired);
        }
        // A full sync removes only what a complete listing showed: a failed one removes nothing (the next sync lists
        // again). A delta removes from what the last listing and this process's sends say storage holds.
        if (options.complete() && (!options.reconcile() || tally.listed >= 0)) {
            remove(desired, options.reconcile(), tally);
        }
        return tally.outcome();
    }

    /**
     * Sends what storage does not hold of a part of the documents, ahead of the full publish of the same sync: the
     * documents of a registry read so far, while its other artifacts are read (a first sync of 10,000 versions waits
     * no longer for every read before it sends). Compared with storage's listing (the one started for this sync,
     * taken by the first part), removes nothing; the full publish that follows compares every document again, finds
     * these held and counts them as sent.
     */
    Outcome publishPart(List<CatalogDocument> documents) {
        Tally tally = new Tally();
        if (early == null) {
            early = new Tally();
            early.sent = new HashSet<>();
        }
        if (listing != null) {
            takeListing(tally);
            early.listed = tally.listed;
        }
        if (early.listed < 0) {
            return tally.outcome(); // storage could not be listed: the full publish tries (and reports) it
        }
        tally.sent = early.sent;
        sendChanged(documents, tally, new HashSet<>(), Set.of());
        early.rendered += tally.rendered;
        early.upserted += tally.upserted;
        early.repaired += tally.repaired;
        return tally.outcome();
    }

    /**
     * Sends every document storage does not hold as rendered, except those sent ahead of the listing in this publish.
     *
     * @param desired   filled with the keys of {@code documents}
     * @param sentAhead keys already sent (or tried) in this publish: each document goes to storage at most once per sync
     */
    private void sendChanged(List<CatalogDocument> documents, Tally tally, Set<String> desired, Set<String> sentAhead) {
        send(documents, tally, doc -> {
            Rendered r = digest(doc, tally);
            desired.add(r.key());
            sourceOf.put(r.key(), doc.sourceId());
            return sentAhead.contains(r.key()) ? null : decide(r, tally);
        });
    }

    /**
     * Sends, while storage's listing is still on its way, the documents that differ from the ones this process last
     * published (a new version, a changed description): compared with what storage is known to hold, as a delta
     * compares, so a registry change reaches storage without waiting for a listing of 10,000 digests. The listing,
     * once taken, decides everything else (repairs, unchanged, removals); a document this decided not to send is
     * decided again then, and counted only then. A process that has published nothing yet (just started) sends
     * nothing ahead: it does not know what storage holds.
     *
     * @return the keys sent or tried, which the rest of the publish leaves alone
     */
    private Set<String> sendAheadOfListing(List<CatalogDocument> documents, Tally tally) {
        Set<String> ahead = new HashSet<>();
        if (digested.isEmpty()) {
            return ahead;
        }
        Tally decidedAgainLater = new Tally();
        send(documents, tally, doc -> {
            Rendered r = digest(doc, tally);
            // Rendered now only when it differs from the document last published; the others wait for the listing.
            Pending p = r.body() == null ? null : decide(r, decidedAgainLater);
            if (p != null) {
                ahead.add(r.key());
            }
            return p;
        });
        return ahead;
    }

    /** Sends what {@code decision} says for each document, in batches, and records the answers in {@code tally}. */
    private void send(List<CatalogDocument> documents, Tally tally, Function<CatalogDocument, Pending> decision) {
        List<Pending> batch = new ArrayList<>();
        // Documents to send go out in batches so a 10,000-document first sync never holds every rendered body.
        int pendingMost = Math.max(64, batchSize) * concurrency;
        try (Sender sender = new Sender()) {
            for (CatalogDocument doc : documents) {
                Pending p = decision.apply(doc);
                if (p != null) {
                    batch.add(p);
                }
                if (batch.size() == pendingMost) {
                    sender.send(batch, tally);
                    batch.clear();
                }
            }
            sender.send(batch, tally);
        }
    }

    /** Reads what storage holds; on failure the last known view stands in (and the sync reports it). */
    private void list(Tally tally) {
        if (listing != null) {
            takeListing(tally);
            return;
        }
        try {
            merge(sink.holdings(), tally);
        } catch (RuntimeException e) {
            tally.error("listing what storage holds failed: " + e.getMessage());
        }
    }

    /**
     * Starts listing what storage holds now, on {@code on}, for the next full publish (which then waits for it instead
     * of listing): a full sync lists storage while it reads the registries. What this process sends or removes from
     * now on is noted and laid over that listing, as storage may have listed a key before or after taking it. Called
     * on the sync thread, like {@link #publish}; a listing started earlier and not taken is dropped.
     */
    void startListing(Executor on) {
        early = null;
        changedSinceListing = new HashMap<>();
        listing = CompletableFuture.supplyAsync(sink::holdings, on);
    }

    private void takeListing(Tally tally) {
        Future<Holdings> pending = listing;
        Map<String, Holding> changed = changedSinceListing;
        listing = null;
        changedSinceListing = null;
        try {
            merge(pending.get(), tally);
            changed.forEach((key, holding) -> {
                if (holding == REMOVED) {
                    stored.remove(key);
                } else {
                    stored.put(key, holding);
                }
            });
        } catch (ExecutionException e) {
            // Listed while the registries were read: storage may not have been up yet (sidecars start together).
            // Asked once more now, as a publish that lists only here would; only that answer counts.
            LOG.debugf("early listing of storage failed, listing again: %s", e.getCause());
            list(tally);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("publishing interrupted", e);
        }
    }

    /**
     * Takes a listing as what storage holds. Merged rather than replaced: an entry storage lists as before keeps its
     * objects, so a listing of 10,000 unchanged documents leaves only short-lived garbage.
     */
    private void merge(Holdings h, Tally tally) {
        stored.keySet().retainAll(h.byKey().keySet());
        h.byKey().forEach((key, holding) -> {
            if (!holding.equals(stored.get(key))) {
                stored.put(key, holding);
            }
        });
        tally.listed = h.byKey().size();
    }

    /** The digest of a document: from the last publish when it is the same document, else rendered now. */
    private Rendered digest(CatalogDocument doc, Tally tally) {
        String key = doc.key().storageKey();
        Digested last = digested.get(key);
        if (last != null && last.doc() == doc) {
            return new Rendered(doc, key, null, last.digest());
        }
        if (last != null && last.doc().equals(doc)) {
            // Kept as this object from now on: the next publish finds it by reference.
            digested.put(key, new Digested(doc, last.digest()));
            return new Rendered(doc, key, null, last.digest());
        }
        Rendered r = render(doc, key, tally);
        digested.put(key, new Digested(doc, r.digest()));
        return r;
    }

    private Rendered render(CatalogDocument doc, String key, Tally tally) {
        tally.rendered++;
        byte[] body = renderer.render(doc);
        String digest = ContentDigest.of(
                body,
                doc.kind().wireName(),
                doc.modelCard().map(ModelCard::key).orElse(null),
                doc.modelCard().map(ModelCard::markdown).orElse(null));
        return new Rendered(doc, key, body, digest);
    }

    /**
     * Decides on the sync thread what to send for one document: nothing (storage holds exactly it, or holds a newer
     * version of another writer), or the document at a time storage will take.
     */
    private Pending decide(Rendered r, Tally tally) {
        String key = r.key();
        Holding have = stored.get(key);
        Sent previous = sent.get(key);
        OptionalLong storedTime =
                have == null || have.lastUpdate() == null ? OptionalLong.empty() : times.tryParse(have.lastUpdate());
        if (holdsExactly(have, previous, storedTime, r)) {
            if (early == null || !early.sent.contains(key)) {
                tally.unchanged++;
            }
            return null;
        }
        // Storage no longer holds what this process sent (lost, restored from a backup, changed by hand).
        boolean repair = previous != null && previous.digest().equals(r.digest());
        // Storage refuses an upsert older than what it holds; a change that lowers the newest input time (a
        // deployment went away) must still replace the document, so the time never goes backwards per key.
        // A repair re-sends exactly what was sent before, with the same time.
        long stamp = r.doc().lastUpdated();
        if (repair) {
            stamp = Math.max(stamp, previous.stamp());
        } else if (previous != null && stamp <= previous.stamp()) {
            stamp = previous.stamp() + 1;
        }
        if (storedTime.isPresent() && stamp < storedTime.getAsLong()) {
            if (previous != null) {
                // Storage holds a newer time than this process ever sent: another writer. Respected, reported.
                tally.refused("upsert " + key + ": storage holds a newer version (" + storedTime.getAsLong()
                        + ") than this normalizer sent; not replaced");
                return null;
            }
            // An earlier normalizer's time (the +1 above does not survive a restart), or one from before a change
            // that lowered the time while no normalizer ran: what was just read is current, so it goes in just after.
            // A valid stored time has at most 13 digits: + 1 cannot overflow.
            stamp = storedTime.getAsLong() + 1;
        }
        Rendered toSend = r.body() != null ? r : render(r.doc(), key, tally);
        return new Pending(toSend, stamp, previous == null, repair);
    }

    /**
     * Whether storage already holds this document: the same content digest, a time it may keep, and the source
     * named. Storage that lists keys only (the Go bridge's) is trusted to hold what this process sent.
     */
    private static boolean holdsExactly(Holding have, Sent previous, OptionalLong storedTime, Rendered r) {
        if (have == null) {
            return false;
        }
        if (have.digest() == null) {
            return previous != null && previous.digest().equals(r.digest());
        }
        return have.digest().equals(r.digest())
                && storedTime.isPresent()
                && Objects.equals(have.sourceId(), r.doc().sourceId());
    }

    /** A document to send, at the time decided on the sync thread. */
    private record Pending(Rendered rendered, long stamp, boolean firstSend, boolean repair) {
        DocumentSink.Outgoing at() {
            return rendered.at(stamp);
        }
    }

    /**
     * What storage answered for one document: stored at {@code stamp}, refused ({@code stale}, storage keeps
     * {@code storedTime}), or failed ({@code error}).
     */
    private record Delivery(long stamp, boolean stale, long storedTime, String error) {}

    /**
     * One batch of documents to storage, answered in order; never throws (a failure is a result). Touches no state
     * of the publisher, so several run at once.
     */
    private List<Delivery> deliver(List<Pending> chunk) {
        List<DocumentSink.Answer> answers;
        try {
            answers = chunk.size() == 1
                    ? List.of(DocumentSink.Answer.of(sink.upsert(chunk.get(0).at())))
                    : sink.upsertAll(chunk.stream().map(Pending::at).toList());
            if (answers.size() != chunk.size()) {
                throw new IllegalStateException(
                        "storage answered " + answers.size() + " of " + chunk.size() + " documents");
            }
        } catch (RuntimeException e) {
            return chunk.stream()
                    .map(p -> new Delivery(
                            p.stamp(), false, -1, "upsert " + p.rendered().key() + ": " + e.getMessage()))
                    .toList();
        }
        List<Delivery> out = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            out.add(settle(chunk.get(i), answers.get(i)));
        }
        return out;
    }

    /** What became of one document of a batch, after re-sending a first send storage found stale. */
    private Delivery settle(Pending p, DocumentSink.Answer first) {
        Rendered r = p.rendered();
        long stamp = p.stamp();
        if (first.error() != null) {
            return new Delivery(stamp, false, -1, "upsert " + r.key() + ": " + first.error());
        }
        try {
            DocumentSink.Stored answer = first.stored();
            if (answer.stale() && p.firstSend() && answer.storedTime() >= stamp) {
                // Storage moved on since it was listed (or lists nothing: the Go bridge's): what was just read is
                // current, so it goes in just after the stored time (at most 13 digits: + 1 cannot overflow).
                stamp = answer.storedTime() + 1;
                answer = sink.upsert(r.at(stamp));
                LOG.debugf("%s: storage held a newer time; re-sent with %d", r.key(), stamp);
            }
            return new Delivery(stamp, answer.stale(), answer.storedTime(), null);
        } catch (RuntimeException e) {
            return new Delivery(stamp, false, -1, "upsert " + r.key() + ": " + e.getMessage());
        }
    }

    /** Records what storage answered, on the sync thread. */
    private void apply(Pending p, Delivery d, Tally tally) {
        Rendered r = p.rendered();
        String key = r.key();
        if (d.error() != null) {
            tally.failed(d.error());
            return;
        }
        if (d.stale()) {
            tally.refused("upsert " + key + ": storage holds a newer version (" + d.storedTime() + ")");
            return;
        }
        sent.put(key, new Sent(r.digest(), d.stamp()));
        Holding now = new Holding(r.digest(), Long.toString(d.stamp()), r.doc().sourceId());
        stored.put(key, now);
        if (changedSinceListing != null) {
            changedSinceListing.put(key, now);
        }
        tally.upserted++;
        if (tally.sent != null) {
            tally.sent.add(key);
        }
        if (p.repair()) {
            tally.repaired++;
        }
        LOG.debugf("upserted %s (%s)%s", key, r.doc().sourceId(), p.repair() ? ", storage had lost or changed it" : "");
    }

    /**
     * Sends the pending documents as batches of at most {@link #batchSize}, {@link #concurrency} batches at a time (a
     * first sync of 10,000 versions would otherwise wait for 10,000 round trips, and storage and location would pay
     * the HTTP stack 10,000 times) and applies the answers in order on the sync thread. The pending documents are
     * split evenly, so even the last few go side by side.
     */
    private final class Sender implements AutoCloseable {
        private ExecutorService pool;

        void send(List<Pending> pending, Tally tally) {
            if (pending.isEmpty()) {
                return;
            }
            int chunks = Math.max(Math.min(concurrency, pending.size()), (pending.size() + batchSize - 1) / batchSize);
            int size = (pending.size() + chunks - 1) / chunks;
            List<List<Pending>> batches = new ArrayList<>();
            for (int from = 0; from < pending.size(); from += size) {
                batches.add(pending.subList(from, Math.min(pending.size(), from + size)));
            }
            List<Delivery> answers = concurrency == 1 || batches.size() == 1
                    ? batches.stream()
                            .flatMap(b -> Publisher.this.deliver(b).stream())
                            .toList()
                    : inPool(batches);
            for (int i = 0; i < pending.size(); i++) {
                apply(pending.get(i), answers.get(i), tally);
            }
        }

        private List<Delivery> inPool(List<List<Pending>> batches) {
            if (pool == null) {
                pool = Executors.newFixedThreadPool(concurrency, r -> {
                    Thread t = new Thread(r, "normalizer-upsert");
                    t.setDaemon(true);
                    return t;
                });
            }
            try {
                List<Future<List<Delivery>>> futures = pool.invokeAll(batches.stream()
                        .map(b -> (Callable<List<Delivery>>) () -> deliver(b))
                        .toList());
                List<Delivery> out = new ArrayList<>();
                for (Future<List<Delivery>> f : futures) {
                    out.addAll(f.get());
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

    /**
     * Removes what storage holds and no source has any more, unless the guard holds it back; one key set, and only
     * when there is something to remove (storage keeps everything the key set names).
     *
     * @param sighting whether this is a full sync that listed storage (the guard counts those)
     */
    private void remove(Set<String> desired, boolean sighting, Tally tally) {
        Map<String, List<String>> candidates = new TreeMap<>();
        Map<String, Integer> perSource = new HashMap<>();
        for (String key : stored.keySet()) {
            String source = sourceOf(key);
            perSource.merge(source, 1, Integer::sum);
            if (!desired.contains(key)) {
                candidates.computeIfAbsent(source, s -> new ArrayList<>()).add(key);
            }
        }
        RemovalGuard.Verdict v = guard.judge(candidates, perSource, sighting);
        tally.held = v.held();
        tally.warnings.addAll(v.warnings());
        v.applied().forEach(a -> tally.warnings.add("removing " + a));
        if (v.remove().isEmpty()) {
            return;
        }
        Set<String> keep = new TreeSet<>(desired);
        keep.addAll(stored.keySet());
        keep.removeAll(v.remove());
        try {
            sink.currentKeySet(keep);
            tally.keySet = KeySet.SENT;
            tally.removed = v.remove().size();
            forget(v.remove());
        } catch (RuntimeException e) {
            tally.keySet = KeySet.FAILED;
            tally.error("current key set (removing " + v.remove().size() + "): " + e.getMessage());
        }
    }

    private void forget(Collection<String> keys) {
        stored.keySet().removeAll(keys);
        if (changedSinceListing != null) {
            keys.forEach(k -> changedSinceListing.put(k, REMOVED));
        }
        sent.keySet().removeAll(keys);
        sourceOf.keySet().removeAll(keys);
    }

    private String sourceOf(String key) {
        Holding h = stored.get(key);
        if (h != null && h.sourceId() != null) {
            return h.sourceId();
        }
        return sourceOf.getOrDefault(key, UNKNOWN_SOURCE);
    }
}
