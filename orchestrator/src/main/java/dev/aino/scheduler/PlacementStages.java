package dev.aino.scheduler;

/**
 * The placement stages, wired in one place as Nomad's {@code NewGenericStack} does: node filters,
 * then resource checks, in the order that explains a rejection best, then the rankers whose scores
 * are averaged. A new constraint is one small {@link FeasibilityChecker} and one line in {@link
 * #standard}.
 */
final class PlacementStages {
  /** Verdicts fixed for a pass; read only the node and the request's node selector. */
  final FeasibilityChecker[] nodeFilters;

  /** Verdicts that change as the pass places instances. */
  final FeasibilityChecker[] resourceChecks;

  final NodeRanker[] rankers;

  private PlacementStages(
      FeasibilityChecker[] nodeFilters, FeasibilityChecker[] resourceChecks, NodeRanker[] rankers) {
    this.nodeFilters = nodeFilters;
    this.resourceChecks = resourceChecks;
    this.rankers = rankers;
  }

  /** The pipeline every scheduling pass over {@code snapshot} uses. */
  static PlacementStages standard(ClusterSnapshot snapshot) {
    // Node filters: a pass evaluates them once per node and node selector (see CapacityIndex).
    FeasibilityChecker[] nodeFilters = {
      // Membership: suspect and down nodes take no new work.
      new NodeReadyChecker(),
      // Cordoned or draining nodes take no new work.
      new SchedulableChecker(),
      // The workload's node selector: every label present, with the same value.
      new NodeSelectorChecker(),
    };
    // Resource checks, after the filters so that a down node is reported as such and not as full.
    // CapacityIndex proposes only nodes with enough free CPU and memory; these checks decide.
    FeasibilityChecker[] resourceChecks = {
      new CpuChecker(),
      new MemoryChecker(),
      // Bridge networking offered, static host ports free, enough dynamic ones left.
      new PortChecker(),
    };
    NodeRanker[] rankers = {
      // Bin-pack or spread, per the request's strategy: BestFit v3 after the placement.
      new FitRanker(),
      // Replicas of one workload repel each other, in proportion to how many a node holds.
      new AntiAffinityRanker(snapshot),
    };
    return new PlacementStages(nodeFilters, resourceChecks, rankers);
  }

  /** The first reason any checker rejects the node for, or null when the node fits. */
  String reject(NodeView node, PlacementRequest request) {
    String reason = filterOut(node, request);
    return reason != null ? reason : firstRejection(resourceChecks, node, request);
  }

  /** The first node filter's reason to exclude the node, or null. */
  String filterOut(NodeView node, PlacementRequest request) {
    return firstRejection(nodeFilters, node, request);
  }

  /** The first resource check's reason to reject the node, or null. */
  String rejectResources(NodeView node, PlacementRequest request) {
    return firstRejection(resourceChecks, node, request);
  }

  private static String firstRejection(
      FeasibilityChecker[] checkers, NodeView node, PlacementRequest request) {
    for (FeasibilityChecker checker : checkers) {
      String reason = checker.reject(node, request);
      if (reason != null) {
        return reason;
      }
    }
    return null;
  }
}
