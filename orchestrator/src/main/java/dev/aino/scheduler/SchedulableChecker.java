package dev.aino.scheduler;

import dev.aino.model.Rejections;

/** Rejects cordoned (or draining) nodes. */
final class SchedulableChecker implements FeasibilityChecker {
  static final String CORDONED = Rejections.CORDONED;

  @Override
  public String reject(NodeView node, PlacementRequest request) {
    return node.schedulable() ? null : CORDONED;
  }
}
