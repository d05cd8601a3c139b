package io.modelcatalogbridge.serve.location;

import io.modelcatalogbridge.storageapi.DecodedPages;
import io.modelcatalogbridge.storageapi.StorageApi;
import io.modelcatalogbridge.storageapi.StorageApi.StorageException;
import io.modelcatalogbridge.storageapi.StorageWire;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;

/**
 * Reads everything storage holds, in pages of whole records ({@code GET /documents}: 10,000 documents are 20
 * requests, not 10,001; each page decoded as it streams in, {@link DecodedPages}), or — from a storage without that call, the Go bridge's — {@code GET /list} and then
 * {@code GET /fetch} for every key with bounded parallelism. All or nothing for transport failures (a partial read
 * must never shrink what location serves); a single unreadable document is reported and left out, and its previous
 * version stays served.
 */
final class StorageLoader {

    private static final Logger LOG = Logger.getLogger(StorageLoader.class);

    /** Documents read, and storage keys whose previous state should be kept because they could not be read. */
    record Loaded(List<ServedDocument> documents, Set<String> unreadable) {}

    private sealed interface Item permits Found, Gone, Unreadable {}

    private record Found(ServedDocument document) implements Item {}

    private record Gone() implements Item {}

    private record Unreadable(String storageKey) implements Item {}

    private final StorageApi client;
    private final ExecutorService fetchers;
    private final int pageSize;

    StorageLoader(StorageApi client, ExecutorService fetchers, int pageSize) {
        this.client = client;
        this.fetchers = fetchers;
        this.pageSize = pageSize;
    }

    /**
     * @throws StorageException when storage cannot be read, or one fetch fails for another reason than "unknown key"
     *                          (removed between list and fetch)
     */
    Loaded load() {
        Optional<DecodedPages.DecodedPage> first = client.decodedDocuments(null, pageSize);
        return first.isPresent() ? loadPages(first.get()) : loadOneByOne();
    }

    private Loaded loadPages(DecodedPages.DecodedPage first) {
        List<ServedDocument> docs = new ArrayList<>();
        Set<String> unreadable = new HashSet<>();
        DecodedPages.DecodedPage page = first;
        while (true) {
            String after = page.next() == null || page.documents().isEmpty() ? null : page.next();
            // The next page is asked for before this one is checked: storage reads and sends it meanwhile.
            Future<Optional<DecodedPages.DecodedPage>> next =
                    after == null ? null : fetchers.submit(() -> client.decodedDocuments(after, pageSize));
            try {
                for (DecodedPages.DecodedDocument d : page.documents()) {
                    Item item = toItem(d);
                    if (item instanceof Found found) {
                        docs.add(found.document());
                    } else if (item instanceof Unreadable u && u.storageKey() != null) {
                        unreadable.add(u.storageKey());
                    }
                }
            } catch (RuntimeException e) {
                if (next != null) {
                    next.cancel(true);
                }
                throw e;
            }
            if (next == null) {
                return new Loaded(docs, Collections.unmodifiableSet(unreadable));
            }
            page = await(next)
                    .orElseThrow(() -> new StorageException("storage stopped serving GET /documents after " + after));
        }
    }

    private Loaded loadOneByOne() {
        List<String> keys = client.list();
        List<Future<Item>> pending = new ArrayList<>(keys.size());
        for (String key : keys) {
            pending.add(fetchers.submit(() -> fetch(key)));
        }
        List<ServedDocument> docs = new ArrayList<>(keys.size());
        Set<String> unreadable = new HashSet<>();
        try {
            for (Future<Item> f : pending) {
                Item item = await(f);
                if (item instanceof Found found) {
                    docs.add(found.document());
                } else if (item instanceof Unreadable u && u.storageKey() != null) {
                    unreadable.add(u.storageKey());
                }
            }
        } catch (StorageException e) {
            pending.forEach(f -> f.cancel(true));
            throw e;
        }
        return new Loaded(docs, Collections.unmodifiableSet(unreadable));
    }

    /** The result of a read on the fetchers; its failure as a {@link StorageException}. */
    private static <T> T await(Future<T> read) {
        try {
            return read.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StorageException se
                    ? se
                    : new StorageException("reading storage failed: " + e.getCause());
        } catch (InterruptedException e) {
            read.cancel(true);
            Thread.currentThread().interrupt();
            throw new StorageException("reading storage was interrupted");
        }
    }

    private Item fetch(String key) {
        Optional<StorageWire.FetchResponse> record = client.fetch(key);
        return record.isEmpty() ? new Gone() : toItem(key, record.get());
    }

    private static Item toItem(String key, StorageWire.FetchResponse r) {
        try {
            return new Found(WireDocuments.toDocument(
                    key, r.body(), r.lastUpdateTimeSinceEpoch(), r.modelCardKey(), r.modelCard()));
        } catch (WireDocuments.InvalidDocumentException e) {
            return unreadable(key, e);
        }
    }

    private static Item toItem(DecodedPages.DecodedDocument d) {
        try {
            return new Found(WireDocuments.toDocument(d));
        } catch (WireDocuments.InvalidDocumentException e) {
            return unreadable(d.key(), e);
        }
    }

    private static Item unreadable(String key, WireDocuments.InvalidDocumentException e) {
        LOG.warnf("skipping stored document: %s", e.getMessage());
        String storageKey = null;
        try {
            storageKey = WireDocuments.parseKey(key).storageKey();
        } catch (WireDocuments.InvalidDocumentException badKey) {
            // no previous version can exist under a key location cannot parse
        }
        return new Unreadable(storageKey);
    }
}
