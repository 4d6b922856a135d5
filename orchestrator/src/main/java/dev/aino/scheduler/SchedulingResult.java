package dev.aino.scheduler;

import dev.aino.model.Validate;
import java.util.List;
import java.util.Optional;

/**
 * What one scheduling pass decided.
 *
 * @param placed placements, in the order of the requests
 * @param unplaced requests that fit nowhere, in the order of the requests
 */
public record SchedulingResult(List<PlacementDecision> placed, List<Unplaced> unplaced) {
  public SchedulingResult {
    placed = List.copyOf(Validate.required("placed", placed));
    unplaced = List.copyOf(Validate.required("unplaced", unplaced));
  }

  /** The node chosen for {@code instanceId}, empty when it was not placed in this pass. */
  public Optional<String> nodeOf(String instanceId) {
    for (PlacementDecision decision : placed) {
      if (decision.instanceId().equals(instanceId)) {
        return Optional.of(decision.node());
      }
    }
    return Optional.empty();
  }

  /** True when every request was placed. */
  public boolean allPlaced() {
    return unplaced.isEmpty();
  }
}
