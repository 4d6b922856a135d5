package dev.aino.scheduler;

import dev.aino.model.Validate;

/**
 * One instance placed on a node.
 *
 * @param instanceId the placed instance
 * @param node the chosen node
 * @param score the node's averaged ranking score, in [-1, 1]; higher was better
 */
public record PlacementDecision(String instanceId, String node, double score) {
  public PlacementDecision {
    // Both come from validated requests and nodes; a regex per placement would cost more than
    // ranking the candidates.
    Validate.required("instanceId", instanceId);
    Validate.required("node", node);
  }
}
