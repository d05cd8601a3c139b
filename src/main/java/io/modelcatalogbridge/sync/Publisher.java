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
import org.jboss.logging.Logger;

/**
 * Renders documents and sends only what changed since the last successful send (hash per key), then — only when
 * every source was read completely — the current key set, which makes storage drop everything else. Not
 * thread-safe: the engine calls it from its single sync thread.
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

    private final DocumentSink sink;
    private final Renderer renderer;
    private final Map<String, Sent> sent = new HashMap<>();
    private Set<String> lastKeySet;

    Publisher(DocumentSink sink, Renderer renderer) {
        this.sink = sink;
        this.renderer = renderer;
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
        for (CatalogDocument doc : documents) {
            keys.add(doc.key().storageKey());
            send(doc, tally);
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

    /** Renders one document and upserts it unless storage already has these bytes from this process. */
    private void send(CatalogDocument doc, Tally tally) {
        String key = doc.key().storageKey();
        byte[] body = renderer.render(doc);
        Rendered rendered = new Rendered(doc, key, body, hash(body, doc));
        Sent previous = sent.get(key);
        if (previous != null && previous.hash().equals(rendered.hash())) {
            tally.unchanged++;
            return;
        }
        // Storage refuses an upsert older than what it holds; a change that lowers the newest input time (a
        // deployment went away) must still replace the document, so the time never goes backwards per key.
        long stamp = previous == null || doc.lastUpdated() > previous.lastUpdated()
                ? doc.lastUpdated()
                : previous.lastUpdated() + 1;
        try {
            upsert(rendered, stamp, previous == null, tally);
        } catch (RuntimeException e) {
            tally.failed("upsert " + key + ": " + e.getMessage());
        }
    }

    private void upsert(Rendered r, long stamp, boolean firstSend, Tally tally) {
        String key = r.key();
        DocumentSink.Stored stored = sink.upsert(r.at(stamp));
        if (stored.stale() && firstSend && stored.storedTime() >= stamp) {
            // Storage holds a newer time than this process ever sent: an earlier normalizer's (the +1 above does
            // not survive a restart), or one from before a change that lowered the time while no normalizer ran
            // (a deployment removed). What was just read is current, so it goes in just after the stored time.
            // Later refusals are respected: then another writer is newer.
            stamp = stored.storedTime() + 1;
            stored = sink.upsert(r.at(stamp));
            LOG.debugf("%s: storage held a newer time; re-sent with %d", key, stamp);
        }
        if (stored.stale() && firstSend) {
            // Storage moved on between the two calls: not recorded as sent, so tried again next sync.
            tally.failed("upsert " + key + ": storage holds a newer version (" + stored.storedTime() + ")");
            return;
        }
        sent.put(key, new Sent(r.hash(), stamp));
        if (stored.stale()) {
            tally.unchanged++;
            LOG.debugf("%s: storage keeps its newer version (%d)", key, stored.storedTime());
            return;
        }
        tally.upserted++;
        LOG.debugf("upserted %s (%s)", key, r.doc().sourceId());
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
