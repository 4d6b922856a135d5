package dev.aino.reconcile;

/**
 * Says whether this process may act as the control plane. With one server it always may; with
 * several on one etcd, {@code EtcdLeaderElection} lets exactly one act at a time.
 */
@FunctionalInterface
public interface LeaderGate {
  /** The gate of a single server. */
  LeaderGate ALWAYS = () -> true;

  boolean isLeader();

  /**
   * The name of the server that leads, when there are several and one is known to lead; empty for a
   * single server, or while an election is open.
   */
  default java.util.Optional<String> leaderName() {
    return java.util.Optional.empty();
  }
}
