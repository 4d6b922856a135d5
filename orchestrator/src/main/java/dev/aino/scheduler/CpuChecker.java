package dev.aino.scheduler;

import dev.aino.model.Rejections;

/** Rejects nodes whose free CPU (allocatable less allocated) is below the request. */
final class CpuChecker implements FeasibilityChecker {
  static final String INSUFFICIENT_CPU = Rejections.INSUFFICIENT_CPU;

  @Override
  public String reject(NodeView node, PlacementRequest request) {
    return request.resources().cpuMillis() <= node.freeCpuMillis() ? null : INSUFFICIENT_CPU;
  }
}
