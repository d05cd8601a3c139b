/** The normalized catalog (records) and the pure rules that build it: names, tags, owner, well-known keys. */
package io.modelcatalogbridge.model;
