/** Test helpers shared by test packages: a stub Kubeflow Model Registry and TLS material for it. */
package io.modelcatalogbridge.testing;
