package dev.aino.api;

import dev.aino.model.Node;

/**
 * What a drain did.
 *
 * @param node the node, now cordoned
 * @param stopping instances asked to stop; their workloads replace them on other nodes
 */
public record DrainResult(Node node, int stopping) {}
