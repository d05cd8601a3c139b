/**
 * The storage service: the Go-compatible REST API and its in-process twin (both implement the storage API over one
 * {@code StorageService}), store failures as HTTP answers, and forwarding to location and Backstage.
 */
package io.modelcatalogbridge.serve.storage;
