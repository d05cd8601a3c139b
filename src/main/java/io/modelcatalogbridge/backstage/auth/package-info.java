/** Verification of Backstage plugin-to-plugin tokens (ES256 JWTs) against a Backstage JWKS. */
package io.modelcatalogbridge.backstage.auth;
