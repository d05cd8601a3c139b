/** Benchmarks run by scripts in {@code bench/} (mains, not tests): speed targets are measured here, never asserted in tests. */
package io.modelcatalogbridge.bench;
