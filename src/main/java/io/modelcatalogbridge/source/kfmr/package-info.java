/** Kubeflow Model Registry: wire records, JSON, paged HTTP client, whole-registry reads, snapshot directories. */
package io.modelcatalogbridge.source.kfmr;
