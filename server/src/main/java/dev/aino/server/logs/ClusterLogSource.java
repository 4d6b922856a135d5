package dev.aino.server.logs;

import dev.aino.api.InstanceLogListener;
import dev.aino.api.InstanceLogSource;
import dev.aino.api.InstanceLogs;
import dev.aino.error.UnavailableException;
import dev.aino.model.Instance;
import dev.aino.model.Node;
import dev.aino.runtime.LogQuery;
import dev.aino.runtime.LogSubscription;
import dev.aino.store.StateStore;
import java.time.Instant;
import java.util.Objects;

/**
 * The log source of one {@code aino up}: its own node agent for instances on its node, the owning
 * node's server, at the address that node advertises, for every other instance.
 */
public final class ClusterLogSource implements InstanceLogSource {
  private final String localNode;
  private final InstanceLogSource local;
  private final StateStore store;
  private final RemoteLogSource remote;
  private volatile String ownAddress = "";

  /**
   * @param localNode the name of this server's node
   * @param local reads the logs of instances on {@code localNode}
   * @param store where the other nodes' addresses are found
   * @param token the cluster's bearer token, sent to the other servers; null when there is none
   */
  public ClusterLogSource(
      String localNode, InstanceLogSource local, StateStore store, String token) {
    this.localNode = Objects.requireNonNull(localNode, "localNode");
    this.local = Objects.requireNonNull(local, "local");
    this.store = Objects.requireNonNull(store, "store");
    this.remote = new RemoteLogSource(token);
  }

  /**
   * The address this server advertises, so that a node record pointing at it by mistake is refused
   * instead of sending a request round in a circle.
   */
  public void advertised(String address) {
    this.ownAddress = Objects.requireNonNull(address, "address");
  }

  @Override
  public InstanceLogs read(Instance instance, LogQuery query) {
    if (localNode.equals(instance.node())) {
      return local.read(instance, query);
    }
    return remote.read(owner(instance), instance, query);
  }

  @Override
  public LogSubscription follow(Instance instance, Instant since, InstanceLogListener listener) {
    if (localNode.equals(instance.node())) {
      return local.follow(instance, since, listener);
    }
    return remote.follow(owner(instance), instance, since, listener);
  }

  /** The node the instance runs on, checked to be one this server can ask. */
  private Node owner(Instance instance) {
    String name = instance.node();
    Node node =
        store
            .node(name)
            .orElseThrow(
                () -> unavailable(instance, "its node " + name + " is no longer registered"));
    if (node.address().isEmpty()) {
      throw unavailable(
          instance,
          "its node "
              + name
              + " advertises no address; start that node's server with --advertise-address"
              + " HOST:PORT");
    }
    if (node.address().equals(ownAddress)) {
      throw unavailable(
          instance,
          "its node "
              + name
              + " advertises "
              + node.address()
              + ", which is this server's own address (node "
              + localNode
              + "); give each server its own --advertise-address");
    }
    return node;
  }

  private static UnavailableException unavailable(Instance instance, String why) {
    return new UnavailableException(
        "cannot read the logs of instance \"" + instance.id() + "\": " + why, null);
  }
}
