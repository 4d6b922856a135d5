package dev.aino.api;

import java.util.List;

/**
 * What applying a spec would do, computed without writing anything.
 *
 * @param workload the workload name
 * @param action what {@link OrchestratorService#apply} would do: created, configured or unchanged
 * @param generation the generation the workload would have
 * @param rollingUpdate true when running instances would be replaced
 * @param placements how many new instances would go to each node, and how many cannot be placed and
 *     why
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
   * New instances the plan would put on one node, or that it cannot place for one reason.
   *
   * <p>It names no instance ids: ids are drawn when the workload's reconciler creates the
   * instances, after the apply, so ids shown here would be ids that never exist.
   *
   * @param node the node they would go to, or null
   * @param instances how many new instances
   * @param reason why they cannot be placed, when node is null
   */
  public record PlannedPlacement(String node, int instances, String reason) {}
}
