package dev.aino.scheduler;

/**
 * The node filters' verdict on every node for one node selector, fixed for a pass: which nodes are
 * excluded and why, and how many for each reason. Computed once per selector, so neither candidate
 * search nor fit reports run the filters again.
 */
final class FilterVerdicts {
  private final String[] reasonByNode;
  private final ReasonCounts counts = new ReasonCounts();

  /** Runs the pipeline's node filters for {@code request}'s node selector over every node. */
  FilterVerdicts(PlacementStages stages, ClusterSnapshot snapshot, PlacementRequest request) {
    reasonByNode = new String[snapshot.nodeCount()];
    for (int i = 0; i < reasonByNode.length; i++) {
      String reason = stages.filterOut(snapshot.nodeAt(i), request);
      reasonByNode[i] = reason;
      if (reason != null) {
        counts.add(reason, 1);
      }
    }
  }

  /** Why the node with snapshot index {@code nodeIndex} is excluded, or null when it is not. */
  String reasonFor(int nodeIndex) {
    return reasonByNode[nodeIndex];
  }

  /** A fresh copy of the counts per exclusion reason. */
  ReasonCounts counts() {
    return counts.copy();
  }
}
