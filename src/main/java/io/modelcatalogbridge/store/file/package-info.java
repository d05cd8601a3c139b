/** The embedded file-backed DocumentStore: one JSON file per key, written atomically (temp file, fsync, rename). */
package io.modelcatalogbridge.store.file;
