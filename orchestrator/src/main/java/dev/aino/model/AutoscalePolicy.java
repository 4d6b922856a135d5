package dev.aino.model;

import dev.aino.error.ValidationException;

/**
 * Keeps the replica count between bounds so that average CPU stays near a target.
 *
 * @param minReplicas lower bound
 * @param maxReplicas upper bound
 * @param targetCpuPercent average CPU use of the request to aim for, 1 to 100
 */
public record AutoscalePolicy(int minReplicas, int maxReplicas, int targetCpuPercent) {
  public AutoscalePolicy {
    Validate.range("minReplicas", minReplicas, 0, WorkloadSpec.MAX_REPLICAS);
    Validate.range("maxReplicas", maxReplicas, 1, WorkloadSpec.MAX_REPLICAS);
    Validate.range("targetCpuPercent", targetCpuPercent, 1, 100);
    if (minReplicas > maxReplicas) {
      throw new ValidationException(
          "minReplicas", "must be <= maxReplicas (" + maxReplicas + "), got " + minReplicas);
    }
  }
}
