package dev.aino.api;

import dev.aino.model.Workload;

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
 * @param state {@code Healthy}, {@code Progressing}, {@code Degraded}, {@code Pending}, {@code
 *     Deleting} or {@code Completed}
 * @param message why it is in that state, in a sentence
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
    String state,
    String message) {}
