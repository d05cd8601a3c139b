/**
 * The location service: one in-memory read model of the stored documents, loaded from storage through its API and
 * kept current by its pushes; the contracts Backstage reads live in {@code contract/}.
 */
package io.modelcatalogbridge.serve.location;
