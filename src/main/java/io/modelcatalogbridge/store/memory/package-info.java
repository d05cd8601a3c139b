/** An in-memory DocumentStore for tests and one-shot commands. */
package io.modelcatalogbridge.store.memory;
