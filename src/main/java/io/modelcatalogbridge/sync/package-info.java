/**
 * The engine: reads the sources, joins registry versions to KServe deployments, assembles, renders and sends changed
 * documents; full/delta syncs, prune guard, the normalizer's settings and metrics.
 */
package io.modelcatalogbridge.sync;
