package dev.aino.server.logs;

import dev.aino.error.UnavailableException;
import dev.aino.model.Instance;
import dev.aino.model.Node;
import dev.aino.store.StateStore;
import java.util.Objects;

/**
 * Finds the node an instance runs on and checks that this server can ask it: registered, with an
 * advertised address, and not this server's own address (which would send a request round in a
 * circle). Shared by the log and usage sources.
 */
final class NodeOwners {
  private final String localNode;
  private final StateStore store;
  private volatile String ownAddress = "";

  NodeOwners(String localNode, StateStore store) {
    this.localNode = Objects.requireNonNull(localNode, "localNode");
    this.store = Objects.requireNonNull(store, "store");
  }

  void advertised(String address) {
    this.ownAddress = Objects.requireNonNull(address, "address");
  }

  boolean isLocal(Instance instance) {
    return localNode.equals(instance.node());
  }

  /**
   * The node {@code instance} runs on.
   *
   * @param reading what the caller reads, for the error, e.g. {@code the logs}
   */
  Node owner(Instance instance, String reading) {
    String name = instance.node();
    Node node =
        store
            .node(name)
            .orElseThrow(
                () ->
                    unavailable(
                        instance, reading, "its node " + name + " is no longer registered"));
    if (node.address().isEmpty()) {
      throw unavailable(
          instance,
          reading,
          "its node "
              + name
              + " advertises no address; start that node's server with --advertise-address"
              + " HOST:PORT");
    }
    if (node.address().equals(ownAddress)) {
      throw unavailable(
          instance,
          reading,
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

  private static UnavailableException unavailable(Instance instance, String reading, String why) {
    return new UnavailableException(
        "cannot read " + reading + " of instance \"" + instance.id() + "\": " + why, null);
  }
}
