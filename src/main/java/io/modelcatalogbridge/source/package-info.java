/**
 * Which registries to read and how to reach them: registry discovery (Routes, {@code MR_ROUTE}, explicit URLs and
 * snapshot directories), the registry token and trust bundle. The adapters live below: {@code kfmr} (the registry
 * REST API), {@code kserve} (the cluster's deployments) and {@code snapshot} (recordings of both).
 */
package io.modelcatalogbridge.source;
