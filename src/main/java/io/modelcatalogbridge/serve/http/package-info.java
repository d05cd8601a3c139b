/** HTTP pieces shared by the roles: role path routing, JSON errors, bearer static-token auth per role, body-size limit. */
package io.modelcatalogbridge.serve.http;
