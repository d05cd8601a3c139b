package io.modelcatalogbridge.storageapi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The storage role's API as its clients see it: the normalizer writes through it, location reads through it. Over
 * HTTP ({@link StorageHttpClient}) when the roles run apart, in process when {@code run} hosts all three — the
 * callers do not know which. Answers are typed: no caller reads a status code or parses an answer body.
 */
public interface StorageApi {

    /** {@code POST /upsert?key=&type=}: what storage did with the document. */
    UpsertResult upsert(String key, String type, StorageWire.UpsertRequest request);

    /**
     * {@code POST /upserts}: many upserts in one call, answered entry by entry in the order given. One entry that is
     * refused or fails never stops the others. By default (and against a storage without the endpoint, the Go
     * bridge's or an older one) one {@link #upsert} per entry.
     *
     * @throws StorageException when the call as a whole failed (nothing is known of any entry)
     */
    default List<EntryAnswer> upsertAll(List<StorageWire.BatchUpsert> entries) {
        List<EntryAnswer> out = new ArrayList<>(entries.size());
        for (StorageWire.BatchUpsert e : entries) {
            try {
                out.add(EntryAnswer.of(upsert(e.key(), e.type(), e.request())));
            } catch (StorageException failed) {
                out.add(EntryAnswer.failed(failed.getMessage()));
            }
        }
        return out;
    }

    /**
     * What storage did with one entry of {@link #upsertAll}: its result, or (result null) why it did not store it.
     *
     * @param result what storage did, as {@link #upsert} answers it; null when the entry was refused or failed
     * @param error  why the entry was not stored (the entry is wrong, or storage failed to store it), else null
     */
    record EntryAnswer(UpsertResult result, String error) {
        public static EntryAnswer of(UpsertResult result) {
            return new EntryAnswer(result, null);
        }

        public static EntryAnswer failed(String error) {
            return new EntryAnswer(null, error);
        }
    }

    /** {@code POST /currentkeyset?key=…}: every stored key not in the set is removed. */
    void currentKeySet(Collection<String> keys);

    /** {@code GET /list}. */
    List<String> list();

    /** {@code GET /fetch?key=}; empty when the key is unknown. */
    Optional<StorageWire.FetchResponse> fetch(String key);

    /**
     * {@code GET /documents?after=&limit=}: one page of stored records in key order, {@link StorageWire.Documents#next()}
     * naming the {@code after} of the next page. Empty when storage does not serve it (the Go bridge's storage): then
     * read {@link #list()} and {@link #fetch} instead.
     */
    Optional<StorageWire.Documents> documents(String after, int limit);

    /**
     * {@link #documents} with each body base64-decoded, for a reader that keeps the bytes (location's loads). Over
     * HTTP the page is decoded as it streams in ({@link DecodedPages#read}); this default decodes a bound page.
     */
    default Optional<DecodedPages.DecodedPage> decodedDocuments(String after, int limit) {
        return documents(after, limit).map(DecodedPages::of);
    }

    /**
     * {@code GET /digests?after=&limit=}: one page of what storage holds (key, content digest, time, source), the
     * first page after storage re-read its backend. Empty when this storage offers no digest listing (the Go
     * bridge's): callers fall back to {@link #list()}.
     */
    default Optional<StorageWire.Digests> digests(String after, int limit) {
        return Optional.empty();
    }

    /** Where storage is, for log lines. */
    String describe();

    /** Storage could not be reached or refused the call; the caller retries later. */
    class StorageException extends RuntimeException {
        public StorageException(String message) {
            super(message);
        }
    }
}
