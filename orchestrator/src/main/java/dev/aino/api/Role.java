package dev.aino.api;

import java.util.Locale;

/**
 * What a caller may change. Every role may read everything; the roles differ only in what they may
 * write, so that a dashboard or a monitoring agent can be given a token that cannot break anything.
 */
public enum Role {
  /** May change anything: workloads, nodes, and the cluster. */
  ADMIN(true, true),
  /** May change workloads (apply, scale, delete, restart) but not nodes (cordon, drain). */
  OPERATOR(true, false),
  /** Reads only. */
  VIEWER(false, false),
  /**
   * A node agent that joined over HTTP ({@code aino agent --join}): reads, and through the node API
   * writes only its own node's objects, the node named as the token is. Changes nothing else.
   */
  AGENT(false, false);

  private final boolean changesWorkloads;
  private final boolean changesNodes;

  Role(boolean changesWorkloads, boolean changesNodes) {
    this.changesWorkloads = changesWorkloads;
    this.changesNodes = changesNodes;
  }

  public boolean mayChangeWorkloads() {
    return changesWorkloads;
  }

  public boolean mayChangeNodes() {
    return changesNodes;
  }

  /** The wire word, e.g. {@code viewer}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
