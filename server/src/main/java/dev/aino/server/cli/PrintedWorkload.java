package dev.aino.server.cli;

import dev.aino.api.WorkloadStatus;
import dev.aino.model.Workload;
import dev.aino.model.WorkloadSpec;
import dev.aino.model.WorkloadState;
import java.time.Instant;
import java.util.List;

/**
 * A workload as {@code aino get workloads -o json|yaml} prints it: the manifest that declares it
 * ({@code name} and {@code spec}, as {@code apply} reads them), and what aino observed printed
 * apart under {@code status}, which {@code apply} ignores. So {@code aino get workloads web -o yaml
 * | aino apply -f -} applies the same workload again, as with kubectl.
 *
 * @param name the workload's name
 * @param spec its declared spec, every default filled in
 * @param status what aino observed; ignored on input
 */
record PrintedWorkload(String name, WorkloadSpec spec, Status status) {

  /**
   * The observed state, as {@link WorkloadStatus} has it.
   *
   * @param generation the spec's generation
   * @param createdAt when it was first applied
   * @param deletionRequestedAt when its deletion was asked for, if it was
   * @param desired replicas declared
   * @param placed instances assigned to a node and not ended
   * @param running instances whose process runs
   * @param ready running instances that pass their health check
   * @param pending instances waiting for a node
   * @param failed ended instances that failed or were lost
   * @param restarts restarts summed over its live instances
   * @param state Healthy, Progressing, Degraded, Pending, Deleting or Completed
   * @param message why it is in that state
   */
  record Status(
      long generation,
      Instant createdAt,
      Instant deletionRequestedAt,
      int desired,
      int placed,
      int running,
      int ready,
      int pending,
      int failed,
      long restarts,
      WorkloadState state,
      String message) {}

  static PrintedWorkload of(WorkloadStatus s) {
    Workload w = s.workload();
    return new PrintedWorkload(
        w.name(),
        w.spec(),
        new Status(
            w.generation(),
            w.createdAt(),
            w.deletionRequestedAt(),
            s.desired(),
            s.placed(),
            s.running(),
            s.ready(),
            s.pending(),
            s.failed(),
            s.restarts(),
            s.state(),
            s.message()));
  }

  static List<PrintedWorkload> of(List<WorkloadStatus> all) {
    return all.stream().map(PrintedWorkload::of).toList();
  }
}
