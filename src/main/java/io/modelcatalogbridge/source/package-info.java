/**
 * What sources hand to the rest of the bridge, and how they are found: registry discovery (Routes, MR_ROUTE,
 * explicit URLs), the registry token and trust bundle, and the normalizer's Kubernetes access.
 */
package io.modelcatalogbridge.source;
