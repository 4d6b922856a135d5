package dev.aino.agent;

import dev.aino.error.AlreadyExistsException;
import dev.aino.error.ConflictException;
import dev.aino.error.NotFoundException;
import dev.aino.error.UnavailableException;
import dev.aino.model.Node;
import dev.aino.model.NodeStatus;
import dev.aino.model.RuntimeInfo;
import dev.aino.store.StateStore;
import java.time.Clock;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Keeps the node's record in the store: registers it on start and stamps {@code lastHeartbeat} on
 * every heartbeat, each by compare-and-swap. The agent owns capacity, address, runtime and its own
 * labels; the control plane owns status, the schedulable flag (cordon) and any labels it added, and
 * the agent never overwrites those.
 */
final class NodeRegistration {
  private static final int ATTEMPTS = 16;

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
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<Node> existing = store.node(nodeName);
      try {
        if (existing.isEmpty()) {
          Node created = store.create(fresh(runtime));
          events.node(
              "Registered",
              "node registered with "
                  + config.capacity()
                  + " and runtime "
                  + runtime.name()
                  + " "
                  + runtime.version()
                  + (runtime.isolating() ? "" : " (no isolation)"));
          return created;
        }
        return store.update(updated(existing.get(), runtime));
      } catch (AlreadyExistsException | ConflictException | NotFoundException raced) {
        // The control plane changed the node meanwhile: read it again and keep its changes.
      }
    }
    throw contended();
  }

  /** Stamps the heartbeat; re-registers a node that was deleted. */
  void heartbeat(RuntimeInfo runtime) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<Node> node = store.node(nodeName);
      if (node.isEmpty()) {
        register(runtime);
        return;
      }
      try {
        store.update(node.get().withHeartbeat(clock.instant(), runtime));
        return;
      } catch (ConflictException | NotFoundException raced) {
        // Changed since read (a cordon, a label): read again so the change is kept.
      }
    }
    throw contended();
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

  private UnavailableException contended() {
    return new UnavailableException(
        "node \"" + nodeName + "\" kept changing; gave up updating it after " + ATTEMPTS + " tries",
        null);
  }
}
