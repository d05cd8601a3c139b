/**
 * Registry snapshots: what the KFMR and KServe adapters read, recorded in a directory ({@code export
 * --save-snapshot}) and replayed as a registry ({@code file:} URLs, tests). Depends on those adapters' data types;
 * nothing in {@code source} depends on it.
 */
package io.modelcatalogbridge.source.snapshot;
