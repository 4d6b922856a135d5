package dev.aino.scheduler;

import dev.aino.model.Rejections;

/** Rejects nodes that lack a label of the request's node selector, or carry another value. */
final class NodeSelectorChecker implements FeasibilityChecker {
  static final String MISMATCH = Rejections.NODE_SELECTOR_MISMATCH;

  @Override
  public String reject(NodeView node, PlacementRequest request) {
    if (request.placement().nodeSelector().isEmpty()) {
      return null;
    }
    return request.placement().matches(node.node().labels()) ? null : MISMATCH;
  }
}
