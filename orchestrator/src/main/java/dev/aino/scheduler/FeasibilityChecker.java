package dev.aino.scheduler;

/**
 * One hard constraint: may this request go to this node? Checkers run in pipeline order and the
 * first one that rejects a node names the reason the node is counted under in a {@link FitReport}.
 *
 * <p>The pipeline has two kinds (see {@code PlacementStages.standard}): <em>node filters</em>,
 * whose verdict is fixed for a pass and may read only the node and the request's node selector (a
 * pass evaluates them once per node and selector), and <em>resource checks</em>, which read what is
 * allocated and run on every candidate.
 */
public interface FeasibilityChecker {
  /**
   * Returns the reason the node cannot take the request, as a short lower-case phrase that reads
   * well after a count ({@code "3 insufficient memory"}), or null when this checker allows it.
   */
  String reject(NodeView node, PlacementRequest request);
}
