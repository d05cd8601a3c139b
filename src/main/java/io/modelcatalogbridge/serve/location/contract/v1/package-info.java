/**
 * The model-catalog-bridge location contract, version 1 (RHDH catalog module ≥ 0.10): {@code {base}/list} of keys,
 * {@code {base}/models/<a>/<b>}, model cards by path.
 */
package io.modelcatalogbridge.serve.location.contract.v1;
