/**
 * Kubeflow Model Registry: wire records, JSON, paged HTTP client, whole-registry reads and the registry → catalog
 * mapping. Imports no other source; the deployments a version runs as come in through {@code DeploymentMatcher}.
 */
package io.modelcatalogbridge.source.kfmr;
