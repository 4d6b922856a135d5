package dev.aino.reconcile;

/**
 * Says whether this process may act as the control plane. With one server it always may; the
 * cluster issue implements it over an etcd lease so that exactly one of several servers acts.
 */
@FunctionalInterface
public interface LeaderGate {
  /** The gate of a single server. */
  LeaderGate ALWAYS = () -> true;

  boolean isLeader();
}
