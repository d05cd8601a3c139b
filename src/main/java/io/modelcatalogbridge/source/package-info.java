/** What sources hand to the rest of the bridge: one registry's contents plus its KServe objects, read at one moment. */
package io.modelcatalogbridge.source;
