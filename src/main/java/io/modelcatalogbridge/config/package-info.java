/** Configuration mappings, one per capability; legacy Go environment names are mapped in application.properties. */
package io.modelcatalogbridge.config;
