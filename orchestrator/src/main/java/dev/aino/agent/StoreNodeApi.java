package dev.aino.agent;

import dev.aino.error.PermissionDeniedException;
import dev.aino.model.EventType;
import dev.aino.model.Instance;
import dev.aino.model.Node;
import dev.aino.model.NodeStatus;
import dev.aino.model.ObjectRef;
import dev.aino.model.Validate;
import dev.aino.model.Workload;
import dev.aino.store.ListResult;
import dev.aino.store.ObjectKind;
import dev.aino.store.StateStore;
import dev.aino.store.UpdateResult;
import dev.aino.store.Watch;
import dev.aino.store.WatchListener;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The {@link NodeApi} of one node on the store itself: what a server's own agent uses, and what the
 * HTTP node API serves to agents that joined from other hosts. It alone decides how a claim merges
 * into the node record, so both kinds of agent register the same way; and it refuses any write to
 * another node's instances, so a node's credentials cannot reach past its own node.
 */
public final class StoreNodeApi implements NodeApi {
  private final StateStore store;
  private final String nodeName;
  private final Clock clock;
  private final boolean checksStored;

  /**
   * The API of a server's own node agent, in the store's process: it refuses an instance written
   * with another node's name, but trusts that the instance it writes is its own without reading it
   * first, so that no write costs a store read (see {@link #forRemoteAgent}).
   *
   * @param clock stamps heartbeats and registrations
   */
  public StoreNodeApi(StateStore store, String nodeName, Clock clock) {
    this(store, nodeName, clock, false);
  }

  private StoreNodeApi(StateStore store, String nodeName, Clock clock, boolean checksStored) {
    this.store = Objects.requireNonNull(store, "store");
    this.nodeName = Validate.dnsLabel("nodeName", nodeName);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.checksStored = checksStored;
  }

  /**
   * The API served to an agent on another host, whose requests are not trusted beyond its token:
   * every instance write and instance event also reads the stored instance and refuses it when it
   * is another node's.
   */
  public static StoreNodeApi forRemoteAgent(StateStore store, String nodeName, Clock clock) {
    return new StoreNodeApi(store, nodeName, clock, true);
  }

  @Override
  public String nodeName() {
    return nodeName;
  }

  @Override
  public UpdateResult<Node> register(NodeClaim claim) {
    return write(claim, stored -> updated(stored, claim));
  }

  @Override
  public UpdateResult<Node> heartbeat(NodeClaim claim) {
    return write(claim, stored -> stored.withHeartbeat(clock.instant(), claim.runtime()));
  }

  /**
   * Applies {@code refresh} to the stored node, or registers a fresh one. A lost race (a cordon, a
   * label from the control plane) re-reads the node, so the control plane's change is kept.
   */
  private UpdateResult<Node> write(NodeClaim claim, UnaryOperator<Node> refresh) {
    return store.update(
        ObjectKind.NODES, nodeName, stored -> stored.map(refresh).orElseGet(() -> fresh(claim)));
  }

  private Node fresh(NodeClaim claim) {
    return new Node(
        nodeName,
        claim.address(),
        claim.labels(),
        claim.capacity(),
        claim.capacity(),
        NodeStatus.READY,
        true,
        claim.runtime(),
        clock.instant(),
        clock.instant(),
        0);
  }

  /** The stored node with the agent's fields refreshed and the control plane's kept. */
  private Node updated(Node stored, NodeClaim claim) {
    TreeMap<String, String> labels = new TreeMap<>(stored.labels());
    labels.putAll(claim.labels());
    return new Node(
        nodeName,
        claim.address(),
        labels,
        claim.capacity(),
        claim.capacity(),
        stored.status(),
        stored.schedulable(),
        claim.runtime(),
        clock.instant(),
        // A node stored before aino recorded registrations gets this one's time.
        stored.registeredAt() != null ? stored.registeredAt() : clock.instant(),
        stored.revision());
  }

  @Override
  public ListResult<Instance> listInstances() {
    return store.listNodeInstances(nodeName);
  }

  @Override
  public Watch watchInstances(long fromRevision, WatchListener<Instance> listener) {
    return store.watchNodeInstances(nodeName, fromRevision, listener);
  }

  /**
   * @throws PermissionDeniedException when the instance would become another node's, or (for a
   *     remote agent) is another node's
   */
  @Override
  public Instance updateInstance(Instance next) {
    Objects.requireNonNull(next, "next");
    if (!nodeName.equals(next.node())) {
      throw notMine(next.id(), next.node());
    }
    if (checksStored) {
      Optional<Instance> stored = store.instance(next.id());
      if (stored.isPresent() && !nodeName.equals(stored.get().node())) {
        throw notMine(next.id(), stored.get().node());
      }
    }
    return store.update(next);
  }

  @Override
  public InstanceRead instance(String id) {
    Optional<Instance> stored = store.instance(id).filter(i -> nodeName.equals(i.node()));
    return new InstanceRead(stored.orElse(null), store.revision());
  }

  @Override
  public Optional<Workload> workload(String name) {
    return store.workload(name);
  }

  /**
   * @throws PermissionDeniedException when the event is about another node, or an instance that
   *     exists on another node
   */
  @Override
  public void recordEvent(ObjectRef object, EventType type, String reason, String message) {
    switch (object.kind()) {
      case "node" -> {
        if (!nodeName.equals(object.name())) {
          throw new PermissionDeniedException(
              "node " + nodeName + " may not record events about node " + object.name());
        }
      }
      case "instance" -> {
        // An instance already deleted still gets the event of its container's end.
        Optional<Instance> stored = checksStored ? store.instance(object.name()) : Optional.empty();
        if (stored.isPresent() && !nodeName.equals(stored.get().node())) {
          throw notMine(object.name(), stored.get().node());
        }
      }
      default ->
          throw new PermissionDeniedException(
              "node "
                  + nodeName
                  + " records events about itself and its instances, not a "
                  + object.kind());
    }
    store.recordEvent(object, type, reason, message);
  }

  private PermissionDeniedException notMine(String id, String owner) {
    return new PermissionDeniedException(
        "node "
            + nodeName
            + " may not act on instance \""
            + id
            + "\": it is "
            + (owner == null || owner.isEmpty() ? "not placed on any node" : "on node " + owner));
  }
}
