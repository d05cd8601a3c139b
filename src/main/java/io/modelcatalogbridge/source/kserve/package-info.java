/**
 * KServe: informer-backed view of InferenceServices and LLMInferenceServices, extraction and KServe-only mapping.
 * Imports no other source; the Kubernetes client is handed in.
 */
package io.modelcatalogbridge.source.kserve;
