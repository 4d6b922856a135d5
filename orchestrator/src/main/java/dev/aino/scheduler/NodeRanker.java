package dev.aino.scheduler;

/**
 * One soft preference among nodes that passed every {@link FeasibilityChecker}. The scheduler
 * averages the scores of all rankers, as Nomad's score normalisation does, and places the request
 * on the highest average.
 */
public interface NodeRanker {
  /**
   * Scores placing the request on the node, in [-1, 1]. Positive prefers the node, negative
   * penalises it; a negative score also makes the candidate not count towards the candidate limit
   * (up to {@link SchedulerConfig#maxPenalisedSkips()} times), so the scheduler looks further for
   * an unpenalised node.
   */
  double score(NodeView node, PlacementRequest request);
}
