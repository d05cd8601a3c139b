package io.modelcatalogbridge.storageapi;

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
