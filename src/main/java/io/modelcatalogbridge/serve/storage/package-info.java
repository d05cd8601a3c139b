/** The storage role: the Go-compatible REST API, the storage service, and forwarding to location and Backstage. */
package io.modelcatalogbridge.serve.storage;
