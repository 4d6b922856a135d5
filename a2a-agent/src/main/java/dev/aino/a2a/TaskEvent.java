package dev.aino.a2a;

/**
 * One change of a task, as a stream or a subscription delivers it.
 *
 * @param task the task after the change
 * @param artifact the artifact added, or null for a status change
 */
record TaskEvent(TaskSnapshot task, Artifact artifact) {
  /** True for the last event a stream sends: the task is finished or waits for the client. */
  boolean isFinal() {
    return artifact == null && task.state().isInterrupted();
  }
}
