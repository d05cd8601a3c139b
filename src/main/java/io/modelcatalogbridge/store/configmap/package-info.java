/** The Kubernetes DocumentStore: records sharded over labelled ConfigMaps by a stable hash, optimistic writes, Go-format import. */
package io.modelcatalogbridge.store.configmap;
