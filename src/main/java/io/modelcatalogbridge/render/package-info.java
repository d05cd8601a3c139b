/** Renders catalog documents to the bytes Backstage reads (model-catalog JSON, catalog-info YAML) and validates such files. */
package io.modelcatalogbridge.render;
