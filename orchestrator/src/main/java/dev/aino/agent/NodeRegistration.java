package dev.aino.agent;

import dev.aino.model.Node;
import dev.aino.model.RuntimeInfo;
import dev.aino.store.UpdateResult;

/**
 * Keeps the node's record in the control plane: registers it on start and heartbeats, each through
 * the {@link NodeApi}, which merges the agent's claim (capacity, address, runtime and its own
 * labels) into the record and keeps what the control plane owns (status, cordon, labels it added).
 */
final class NodeRegistration {
  private final NodeApi api;
  private final AgentConfig config;
  private final AgentEvents events;
  private volatile String address;

  NodeRegistration(NodeApi api, AgentConfig config, AgentEvents events) {
    this.api = api;
    this.config = config;
    this.events = events;
    this.address = config.address();
  }

  /** Records a new address on the node, e.g. once the server knows the port it listens on. */
  Node readdress(String newAddress, RuntimeInfo runtime) {
    this.address = newAddress;
    return register(runtime);
  }

  /** Creates the node, or updates what the agent owns of an existing one. */
  Node register(RuntimeInfo runtime) {
    return said(api.register(claim(runtime)), runtime);
  }

  /** Stamps the heartbeat; re-registers a node that was deleted. */
  void heartbeat(RuntimeInfo runtime) {
    said(api.heartbeat(claim(runtime)), runtime);
  }

  private NodeClaim claim(RuntimeInfo runtime) {
    return new NodeClaim(address, config.labels(), config.capacity(), runtime);
  }

  private Node said(UpdateResult<Node> result, RuntimeInfo runtime) {
    if (result.created()) {
      events.node(
          "Registered",
          "node registered with "
              + config.capacity()
              + " and runtime "
              + runtime.name()
              + " "
              + runtime.version()
              + (runtime.isolating() ? "" : " (no isolation)"));
    }
    return result.after();
  }
}
