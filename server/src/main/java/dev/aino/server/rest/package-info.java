/**
 * REST API v1 under {@code /api/v1}: workloads, instances, nodes, the cluster summary and events,
 * as JSON, over {@link dev.aino.api.OrchestratorService}. Request bodies may be JSON or YAML; every
 * error has the shared shape of {@link dev.aino.server.http.ErrorBody} with the status {@link
 * dev.aino.server.http.ErrorMapping} gives its code. {@code docs/api.md} documents the routes.
 */
package dev.aino.server.rest;
