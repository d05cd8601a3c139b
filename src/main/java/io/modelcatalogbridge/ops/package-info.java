/** Role lifecycle, health checks and metrics that read state from the other packages. */
package io.modelcatalogbridge.ops;
