package dev.aino.api;

import dev.aino.model.Validate;
import dev.aino.model.Workload;

/**
 * What {@link OrchestratorService#apply} did, told by the apply itself: a surface that read the
 * workload before and after instead would race with concurrent applies of the same name (two
 * callers could both see "absent" and both report "created", or show each other's spec).
 *
 * @param outcome created, configured or unchanged
 * @param status the workload as this apply wrote it (or found it, when unchanged), with the counts
 *     of its instances at that moment
 */
public record ApplyResult(ApplyOutcome outcome, WorkloadStatus status) {
  public ApplyResult {
    Validate.required("outcome", outcome);
    Validate.required("status", status);
  }

  /** The workload as this apply wrote it. */
  public Workload workload() {
    return status.workload();
  }
}
