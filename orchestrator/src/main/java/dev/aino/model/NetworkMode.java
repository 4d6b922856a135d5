package dev.aino.model;

/**
 * How an instance's container reaches the network. A workload that names none gets {@link #BRIDGE}
 * on a node whose runtime offers it and {@link #HOST} elsewhere; the scheduler resolves the choice
 * when it places the instance and records it on the instance, so the node agent never guesses.
 */
public enum NetworkMode {
  /**
   * A network namespace of its own with an address on the node's bridge; ports are published on the
   * node (Nomad's bridge mode, Docker's default).
   */
  BRIDGE,
  /** The node's own network namespace: the container listens on the node's ports directly. */
  HOST
}
