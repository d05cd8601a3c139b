/** KServe: informer-backed view of InferenceServices and LLMInferenceServices, extraction and KServe-only mapping. */
package io.modelcatalogbridge.source.kserve;
