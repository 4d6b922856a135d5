package dev.aino.api;

import java.util.List;

/**
 * What applying a spec would do, computed without writing anything.
 *
 * @param workload the workload name
 * @param action what {@link OrchestratorService#apply} would do: created, configured or unchanged
 * @param generation the generation the workload would have
 * @param rollingUpdate true when running instances would be replaced
 * @param placements where each instance the pass would create would go, or why it cannot
 * @param stopping how many instances the pass would stop
 * @param summary one line, e.g. {@code web would be created: 3 new instances on node-1, node-2; 1
 *     cannot be placed (...)}
 */
public record PlanResult(
    String workload,
    ApplyOutcome action,
    long generation,
    boolean rollingUpdate,
    List<PlannedPlacement> placements,
    int stopping,
    String summary) {

  /**
   * One instance the plan would create.
   *
   * @param instanceId the id it would get (ids are drawn anew on apply)
   * @param node the node it would go to, or null
   * @param reason why it cannot be placed, when node is null
   */
  public record PlannedPlacement(String instanceId, String node, String reason) {}
}
