package io.modelcatalogbridge.store;

/** A write would exceed the backend's capacity (a ConfigMap shard over its size limit). Maps to HTTP 507. */
public class StoreFullException extends StoreException {
    public StoreFullException(String message) {
        super(message);
    }
}
