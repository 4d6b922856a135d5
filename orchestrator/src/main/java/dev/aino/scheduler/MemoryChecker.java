package dev.aino.scheduler;

import dev.aino.model.Rejections;

/** Rejects nodes whose free memory (allocatable less allocated) is below the request. */
final class MemoryChecker implements FeasibilityChecker {
  static final String INSUFFICIENT_MEMORY = Rejections.INSUFFICIENT_MEMORY;

  @Override
  public String reject(NodeView node, PlacementRequest request) {
    return request.resources().memoryMiB() <= node.freeMemoryMiB() ? null : INSUFFICIENT_MEMORY;
  }
}
