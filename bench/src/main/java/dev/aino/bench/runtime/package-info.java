/**
 * The container start benchmark ({@code aino-bench.jar runtime}): real runc containers started
 * through the whole control path (store, controller, node agent, OCI driver) beside a bare {@code
 * runc run -d} loop on equivalent bundles measured in the same run, plus a cold pull from a
 * loopback registry.
 */
package dev.aino.bench.runtime;
