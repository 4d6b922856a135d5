/**
 * {@code aino agent --join}: a node agent on a host that joins a cluster over HTTP, never holding
 * the store's credentials. {@link dev.aino.server.join.HttpNodeApi} is the agent's side of the node
 * API ({@code /api/v1/nodes/{name}/...}, served by {@code NodeApiRoutes}), with fail-over between
 * the servers it was given and a watch that resumes from the last revision it saw.
 */
package dev.aino.server.join;
