/**
 * The storage role's API as its clients (normalizer, location) see it: the {@link StorageApi} interface with typed
 * results, the Go-compatible wire records, key rules and the HTTP client. Knows nothing of how storage persists.
 */
package io.modelcatalogbridge.storageapi;
