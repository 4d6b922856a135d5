package dev.aino.model;

import java.util.Map;

/**
 * Where a workload's instances may go and how nodes are ranked.
 *
 * @param nodeSelector labels a node must carry, all of them, with equal values
 * @param strategy bin-pack (default) or spread
 */
public record Placement(Map<String, String> nodeSelector, PlacementStrategy strategy) {
  public static final Placement DEFAULT = new Placement(Map.of(), PlacementStrategy.BINPACK);

  public Placement {
    nodeSelector = Validate.labels("nodeSelector", nodeSelector);
    strategy = strategy == null ? PlacementStrategy.BINPACK : strategy;
  }

  /** True when the node carries every selector label with the same value. */
  public boolean matches(Map<String, String> nodeLabels) {
    for (Map.Entry<String, String> want : nodeSelector.entrySet()) {
      if (!want.getValue().equals(nodeLabels.get(want.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
