/** The DocumentStore SPI, its typed outcomes and errors, the stale-upsert guard and the backend selection. */
package io.modelcatalogbridge.store;
