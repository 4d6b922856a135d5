package dev.aino.agent;

import dev.aino.model.Resources;
import dev.aino.model.RuntimeInfo;
import dev.aino.model.Validate;
import java.util.Map;

/**
 * What a node agent states about its node when it registers or heartbeats: the fields the agent
 * owns. The control plane keeps the rest of the node record (status, cordon, labels it added).
 *
 * @param address where the node serves its logs and usage ({@code host:port}), or empty
 * @param labels the agent's own labels
 * @param capacity what the node offers
 * @param runtime the node's container runtime
 */
public record NodeClaim(
    String address, Map<String, String> labels, Resources capacity, RuntimeInfo runtime) {
  public NodeClaim {
    address = address == null ? "" : address;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    Validate.required("capacity", capacity);
    Validate.required("runtime", runtime);
  }
}
