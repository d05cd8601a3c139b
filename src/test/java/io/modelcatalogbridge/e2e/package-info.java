/** End-to-end tests: the packaged application's roles as processes, against a real Backstage backend. */
package io.modelcatalogbridge.e2e;
