package io.modelcatalogbridge.store;

/** The store has not finished loading, or its backend is unreachable for now. Maps to HTTP 503. */
public class StoreNotReadyException extends StoreException {
    public StoreNotReadyException(String message) {
        super(message);
    }
}
