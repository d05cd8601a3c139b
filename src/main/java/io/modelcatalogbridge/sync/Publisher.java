package io.modelcatalogbridge.sync;

import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.model.ModelCard;
import io.modelcatalogbridge.render.Renderer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
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

    /**
     * @param complete     every source was read completely, so the key set may prune
     * @param alwaysKeySet send the key set even when it did not change (full syncs: storage may have drifted)
     */
    Outcome publish(List<CatalogDocument> documents, boolean complete, boolean alwaysKeySet) {
        int upserted = 0;
        int unchanged = 0;
        int failed = 0;
        List<String> errors = new ArrayList<>();
        Set<String> keys = new TreeSet<>();
        for (CatalogDocument doc : documents) {
            String key = doc.key().storageKey();
            keys.add(key);
            byte[] body = renderer.render(doc);
            String hash = hash(body, doc);
            Sent previous = sent.get(key);
            if (previous != null && previous.hash().equals(hash)) {
                unchanged++;
                continue;
            }
            // Storage refuses an upsert older than what it holds; a change that lowers the newest input time (a
            // deployment went away) must still replace the document, so the time never goes backwards per key.
            long stamp = previous == null || doc.lastUpdated() > previous.lastUpdated()
                    ? doc.lastUpdated()
                    : previous.lastUpdated() + 1;
            try {
                DocumentSink.Outgoing out = new DocumentSink.Outgoing(key, doc.kind(), body, stamp, doc.modelCard());
                DocumentSink.Stored stored = sink.upsert(out);
                if (stored.stale() && previous == null && stored.storedTime() >= stamp) {
                    // Storage holds a newer time than this process ever sent: an earlier normalizer's (the +1 above
                    // does not survive a restart), or one from before a change that lowered the time while no
                    // normalizer ran (a deployment removed). What was just read is current, so it goes in just
                    // after the stored time. Later refusals are respected: then another writer is newer.
                    stamp = stored.storedTime() + 1;
                    stored = sink.upsert(new DocumentSink.Outgoing(key, doc.kind(), body, stamp, doc.modelCard()));
                    LOG.debugf("%s: storage held a newer time; re-sent with %d", key, stamp);
                }
                if (stored.stale() && previous == null) {
                    // Storage moved on between the two calls: not recorded as sent, so tried again next sync.
                    failed++;
                    if (errors.size() < 5) {
                        errors.add("upsert " + key + ": storage holds a newer version (" + stored.storedTime() + ")");
                    }
                    continue;
                }
                sent.put(key, new Sent(hash, stamp));
                if (stored.stale()) {
                    unchanged++;
                    LOG.debugf("%s: storage keeps its newer version (%d)", key, stored.storedTime());
                    continue;
                }
                upserted++;
                LOG.debugf("upserted %s (%s)", key, doc.sourceId());
            } catch (RuntimeException e) {
                failed++;
                if (errors.size() < 5) {
                    errors.add("upsert " + key + ": " + e.getMessage());
                }
            }
        }
        int removed = 0;
        boolean keySetSent = false;
        if (complete && (alwaysKeySet || !keys.equals(lastKeySet))) {
            try {
                sink.currentKeySet(keys);
                keySetSent = true;
                removed = (int)
                        sent.keySet().stream().filter(k -> !keys.contains(k)).count();
                sent.keySet().retainAll(keys);
                lastKeySet = keys;
            } catch (RuntimeException e) {
                errors.add("current key set: " + e.getMessage());
            }
        }
        return new Outcome(upserted, unchanged, failed, removed, keySetSent, errors);
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
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
