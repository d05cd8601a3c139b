/** The sync engine: turns what the sources read into the full, collision-free set of catalog documents. */
package io.modelcatalogbridge.sync;
