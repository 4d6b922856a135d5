package dev.aino.api;

import dev.aino.model.Workload;
import dev.aino.model.WorkloadState;

/**
 * A workload with the counts a user asks about first.
 *
 * @param workload the declared workload
 * @param desired replicas declared
 * @param placed instances assigned to a node and not ended
 * @param running instances whose process runs
 * @param ready running instances that pass their health check
 * @param pending instances waiting for a node
 * @param failed ended instances that failed or were lost (kept for troubleshooting)
 * @param succeeded ended instances that exited with 0 (kept a while: a job's completions)
 * @param restarts restarts summed over the workload's live instances
 * @param state healthy, progressing, degraded, pending, deleting or completed
 * @param message why it is in that state, in a sentence
 * @param usage average CPU and memory use of its running instances; null in lists, and when it runs
 *     none
 */
public record WorkloadStatus(
    Workload workload,
    int desired,
    int placed,
    int running,
    int ready,
    int pending,
    int failed,
    int succeeded,
    long restarts,
    WorkloadState state,
    String message,
    WorkloadUsage usage) {

  /** A status without usage figures, as lists show it. */
  public WorkloadStatus(
      Workload workload,
      int desired,
      int placed,
      int running,
      int ready,
      int pending,
      int failed,
      int succeeded,
      long restarts,
      WorkloadState state,
      String message) {
    this(
        workload, desired, placed, running, ready, pending, failed, succeeded, restarts, state,
        message, null);
  }

  /** This status with {@code usage}. */
  public WorkloadStatus withUsage(WorkloadUsage usage) {
    return new WorkloadStatus(
        workload, desired, placed, running, ready, pending, failed, succeeded, restarts, state,
        message, usage);
  }
}
