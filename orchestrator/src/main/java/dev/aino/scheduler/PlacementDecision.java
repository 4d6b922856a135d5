package dev.aino.scheduler;

import dev.aino.model.NetworkMode;
import dev.aino.model.PortBinding;
import dev.aino.model.Validate;
import java.util.List;

/**
 * One instance placed on a node.
 *
 * @param instanceId the placed instance
 * @param node the chosen node
 * @param score the node's averaged ranking score, in [-1, 1]; higher was better
 * @param network the network mode the instance gets on the node
 * @param ports its ports with the host port each got on the node
 */
public record PlacementDecision(
    String instanceId, String node, double score, NetworkMode network, List<PortBinding> ports) {
  public PlacementDecision {
    // Both come from validated requests and nodes; a regex per placement would cost more than
    // ranking the candidates.
    Validate.required("instanceId", instanceId);
    Validate.required("node", node);
    ports = ports == null ? List.of() : ports;
  }
}
