/**
 * Where the server reads instances' logs and CPU and memory use: from its own node agent for
 * instances on this node, from the owning node's server (its REST logs and stats routes, with the
 * cluster's bearer token) for the others.
 */
package dev.aino.server.logs;
