/** Client of the Backstage catalog API (location import, get, delete, refresh) and the Backstage URL lookup. */
package io.modelcatalogbridge.backstage;
