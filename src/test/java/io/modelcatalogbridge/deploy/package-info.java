/** Checks of the shipped Kubernetes manifests ({@code deploy/}): rendered with kustomize, compared with the code. */
package io.modelcatalogbridge.deploy;
