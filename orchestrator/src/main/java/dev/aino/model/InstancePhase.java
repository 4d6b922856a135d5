package dev.aino.model;

/** Where an instance is in its life. */
public enum InstancePhase {
  /** Not yet placed: waiting for a node that fits. */
  PENDING,
  /** Placed on a node; its agent has not started it yet. */
  SCHEDULED,
  /** The agent is pulling the image or starting the container. */
  STARTING,
  /** The process runs. */
  RUNNING,
  /** Ended with exit code 0 and will not be restarted. */
  SUCCEEDED,
  /** Ended badly and will not be restarted (or cannot be started). */
  FAILED,
  /** Its node went away; the instance's fate is unknown and it is being replaced. */
  LOST,
  /** Stopped on purpose (scale down, update, delete). */
  TERMINATED;

  /** True for phases an instance never leaves. */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == LOST || this == TERMINATED;
  }
}
