package dev.aino.scheduler;

import dev.aino.model.NodeStatus;
import dev.aino.model.Rejections;

/** Rejects nodes whose membership status is not READY: suspect and down nodes get no new work. */
final class NodeReadyChecker implements FeasibilityChecker {
  static final String NOT_READY = Rejections.NOT_READY;

  @Override
  public String reject(NodeView node, PlacementRequest request) {
    return node.status() == NodeStatus.READY ? null : NOT_READY;
  }
}
