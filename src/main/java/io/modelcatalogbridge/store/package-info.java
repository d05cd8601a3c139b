/**
 * Persistence: the DocumentStore SPI, its typed outcomes and errors, the stale-upsert guard, the persisted record
 * format and the backend selection; backends in {@code configmap/} and {@code file/}.
 */
package io.modelcatalogbridge.store;
