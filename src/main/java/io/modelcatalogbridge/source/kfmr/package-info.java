/** Kubeflow Model Registry reading: wire records, JSON, the paged HTTP client, whole-registry reads and snapshot directories. */
package io.modelcatalogbridge.source.kfmr;
