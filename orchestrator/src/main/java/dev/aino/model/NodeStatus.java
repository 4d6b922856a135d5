package dev.aino.model;

/** What cluster membership believes about a node. */
public enum NodeStatus {
  /** Heartbeats arrive; the node can run work. */
  READY,
  /** Heartbeats are late; no new work goes there, running work stays. */
  SUSPECT,
  /** Declared gone; its instances are Lost and replaced elsewhere after a grace period. */
  DOWN
}
