package io.modelcatalogbridge.store;

/** A store operation failed in the backend (I/O error, API server error). Maps to HTTP 500. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
