/** The engine: reads the sources, assembles, renders and sends changed documents; full/delta syncs, prune guard. */
package io.modelcatalogbridge.sync;
