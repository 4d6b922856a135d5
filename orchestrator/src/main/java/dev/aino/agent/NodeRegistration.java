package dev.aino.agent;

import dev.aino.model.Node;
import dev.aino.model.NodeStatus;
import dev.aino.model.RuntimeInfo;
import dev.aino.store.ObjectKind;
import dev.aino.store.StateStore;
import dev.aino.store.UpdateResult;
import java.time.Clock;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Keeps the node's record in the store: registers it on start and stamps {@code lastHeartbeat} on
 * every heartbeat, each by compare-and-swap. The agent owns capacity, address, runtime and its own
 * labels; the control plane owns status, the schedulable flag (cordon) and any labels it added, and
 * the agent never overwrites those.
 */
final class NodeRegistration {
  private final String nodeName;
  private final StateStore store;
  private final AgentConfig config;
  private final Clock clock;
  private final AgentEvents events;
  private volatile String address;

  NodeRegistration(
      String nodeName, StateStore store, AgentConfig config, Clock clock, AgentEvents events) {
    this.nodeName = nodeName;
    this.store = store;
    this.config = config;
    this.clock = clock;
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
    return write(runtime, stored -> updated(stored, runtime));
  }

  /** Stamps the heartbeat; re-registers a node that was deleted. */
  void heartbeat(RuntimeInfo runtime) {
    write(runtime, stored -> stored.withHeartbeat(clock.instant(), runtime));
  }

  /**
   * Applies {@code refresh} to the stored node, or registers a fresh one. A lost race (a cordon, a
   * label from the control plane) re-reads the node, so the control plane's change is kept.
   */
  private Node write(RuntimeInfo runtime, UnaryOperator<Node> refresh) {
    UpdateResult<Node> result =
        store.update(
            ObjectKind.NODES,
            nodeName,
            stored -> stored.map(refresh).orElseGet(() -> fresh(runtime)));
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

  private Node fresh(RuntimeInfo runtime) {
    return new Node(
        nodeName,
        address,
        config.labels(),
        config.capacity(),
        config.capacity(),
        NodeStatus.READY,
        true,
        runtime,
        clock.instant(),
        clock.instant(),
        0);
  }

  /** The stored node with the agent's fields refreshed and the control plane's kept. */
  private Node updated(Node stored, RuntimeInfo runtime) {
    TreeMap<String, String> labels = new TreeMap<>(stored.labels());
    labels.putAll(config.labels());
    return new Node(
        nodeName,
        address,
        labels,
        config.capacity(),
        config.capacity(),
        stored.status(),
        stored.schedulable(),
        runtime,
        clock.instant(),
        // A node stored before aino recorded registrations gets this one's time.
        stored.registeredAt() != null ? stored.registeredAt() : clock.instant(),
        stored.revision());
  }
}
