/** Who may call location: Backstage plugin tokens and/or a static token, checked in one request filter. */
package io.modelcatalogbridge.serve.location.auth;
