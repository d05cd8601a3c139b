package io.modelcatalogbridge.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The storage role's API as its clients see it: the normalizer writes through it, location reads through it. Over
 * HTTP ({@code store.remote.StorageClient}) when the roles run apart, in process when {@code run} hosts all three —
 * the callers do not know which.
 */
public interface StorageEndpoint {

    /** Result of an upsert: 201 stored, 200 updated/unchanged/stale, and the answer body. */
    record UpsertResult(int status, String body) {}

    /** {@code POST /upsert?key=&type=}. */
    UpsertResult upsert(String key, String type, StorageWire.UpsertRequest request);

    /** {@code POST /currentkeyset?key=…}: every stored key not in the set is removed. */
    void currentKeySet(Collection<String> keys);

    /** {@code GET /list}. */
    List<String> list();

    /** {@code GET /fetch?key=}; empty when the key is unknown. */
    Optional<StorageWire.FetchResponse> fetch(String key);

    /** Where storage is, for log lines. */
    String describe();

    /** Storage could not be reached or refused the call; the caller retries later. */
    class StorageException extends RuntimeException {
        public StorageException(String message) {
            super(message);
        }
    }
}
