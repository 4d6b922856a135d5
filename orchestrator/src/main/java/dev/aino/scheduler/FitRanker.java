package dev.aino.scheduler;

import dev.aino.model.PlacementStrategy;

/**
 * Scores how well the request fits the node, with the request's own strategy: bin-pack prefers the
 * node the placement leaves fullest, spread the one it leaves emptiest (see {@link BestFit}).
 */
final class FitRanker implements NodeRanker {
  @Override
  public double score(NodeView node, PlacementRequest request) {
    long cpu = request.resources().cpuMillis();
    long memory = request.resources().memoryMiB();
    return request.placement().strategy() == PlacementStrategy.SPREAD
        ? BestFit.spread(node, cpu, memory)
        : BestFit.binPack(node, cpu, memory);
  }
}
