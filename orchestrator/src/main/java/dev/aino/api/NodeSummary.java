package dev.aino.api;

import dev.aino.model.Node;
import dev.aino.model.Resources;

/**
 * A node with what is handed out on it.
 *
 * @param node the node
 * @param allocated requests of the instances that hold resources on it
 * @param free allocatable less allocated
 * @param instances instances holding resources on it
 */
public record NodeSummary(Node node, Resources allocated, Resources free, int instances) {}
