package dev.aino.scheduler;

/** Rejects cordoned (or draining) nodes. */
final class SchedulableChecker implements FeasibilityChecker {
  static final String CORDONED = "cordoned";

  @Override
  public String reject(NodeView node, PlacementRequest request) {
    return node.schedulable() ? null : CORDONED;
  }
}
