/** The location role: one in-memory read model of the stored documents, loaded from storage and kept current by its pushes. */
package io.modelcatalogbridge.serve.location;
