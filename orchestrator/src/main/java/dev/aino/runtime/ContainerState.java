package dev.aino.runtime;

/** Where a container is in its life, as its runtime sees it. */
public enum ContainerState {
  /** Accepted but its process has not started yet (image pull, runc create). */
  CREATED,
  /** Its process runs. */
  RUNNING,
  /** Its process ended; exit code and timestamps are known until it is destroyed. */
  EXITED,
  /** The runtime knows no such container: never started, destroyed, or lost. */
  NOT_FOUND
}
