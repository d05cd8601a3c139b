/**
 * The long-running roles ({@link io.modelcatalogbridge.role.RoleName}): which role runs, thin role shells that start
 * and stop what each capability package provides, readiness, per-role path routing and {@code run}'s wiring of all
 * three in one process.
 */
package io.modelcatalogbridge.role;
