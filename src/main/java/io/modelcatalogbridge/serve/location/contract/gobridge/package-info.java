/**
 * The Go bridge's location contract (RHDH catalog module 0.2–0.9): {@code /list} of paths, documents by path, model
 * cards by key.
 */
package io.modelcatalogbridge.serve.location.contract.gobridge;
