/**
 * Kubernetes access shared by the roles: whether Kubernetes configuration is present (it picks storage's default
 * backend and switches the normalizer's Route discovery and KServe watch on) and the normalizer's client.
 */
package io.modelcatalogbridge.kube;
