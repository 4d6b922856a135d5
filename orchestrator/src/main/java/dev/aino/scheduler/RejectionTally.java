package dev.aino.scheduler;

/**
 * Each node's first rejection reason for one request shape, and the counts behind its {@link
 * FitReport}. Node filter verdicts come from {@link FilterVerdicts}, which never change in a pass;
 * resource checks run on the other nodes once, and after that {@link #update} re-checks only the
 * nodes that received placements since. So a shape that keeps failing while other requests are
 * placed around it costs O(placements) per report rather than O(nodes).
 */
final class RejectionTally {
  private final FilterVerdicts verdicts;
  private final String[] reasons;
  private final ReasonCounts counts;
  private int fitting;
  private FitReport report;
  private int upToAssignment;

  /**
   * Counts every node of the snapshot as it stands after the pass's first {@code assignmentsSoFar}
   * assignments.
   */
  RejectionTally(
      PlacementStages stages,
      ClusterSnapshot snapshot,
      PlacementRequest request,
      FilterVerdicts verdicts,
      int assignmentsSoFar) {
    this.verdicts = verdicts;
    this.reasons = new String[snapshot.nodeCount()];
    this.counts = verdicts.counts();
    this.upToAssignment = assignmentsSoFar;
    for (int i = 0; i < reasons.length; i++) {
      if (verdicts.reasonFor(i) == null) {
        String reason = stages.rejectResources(snapshot.nodeAt(i), request);
        reasons[i] = reason;
        adjust(reason, 1);
      }
    }
  }

  /**
   * Re-checks the nodes of {@code assigned[..count)} that the pass assigned to since this tally
   * last looked (a node may appear more than once).
   */
  void update(
      PlacementStages stages,
      ClusterSnapshot snapshot,
      PlacementRequest request,
      int[] assigned,
      int count) {
    for (int k = upToAssignment; k < count; k++) {
      int i = assigned[k];
      if (verdicts.reasonFor(i) != null) {
        continue;
      }
      String reason = stages.rejectResources(snapshot.nodeAt(i), request);
      if (reason != reasons[i] && (reason == null || !reason.equals(reasons[i]))) {
        adjust(reasons[i], -1);
        adjust(reason, 1);
        reasons[i] = reason;
        report = null;
      }
    }
    upToAssignment = count;
  }

  /** The report for the current counts; the same object until a count changes. */
  FitReport report() {
    if (report == null) {
      report = new FitReport(reasons.length, fitting, counts.toMap());
    }
    return report;
  }

  private void adjust(String reason, int delta) {
    if (reason == null) {
      fitting += delta;
    } else {
      counts.add(reason, delta);
    }
  }
}
