package dev.aino.model;

import dev.aino.error.ValidationException;

/**
 * Keeps the replica count between bounds so that the average use of each instance's request stays
 * near a target, as Kubernetes' HorizontalPodAutoscaler does. A policy names a CPU target, a memory
 * target or both; with both, the larger of the two recommendations wins, so neither resource runs
 * short.
 *
 * <p>Documents written before the memory target existed carry only {@code targetCpuPercent} and
 * still read: a missing target is null.
 *
 * @param minReplicas lower bound
 * @param maxReplicas upper bound
 * @param targetCpuPercent average CPU use of the request to aim for, 1 to 100; null for none
 * @param targetMemoryPercent average memory use of the request to aim for, 1 to 100; null for none
 */
public record AutoscalePolicy(
    int minReplicas, int maxReplicas, Integer targetCpuPercent, Integer targetMemoryPercent) {
  public AutoscalePolicy {
    Validate.range("minReplicas", minReplicas, 0, WorkloadSpec.MAX_REPLICAS);
    Validate.range("maxReplicas", maxReplicas, 1, WorkloadSpec.MAX_REPLICAS);
    if (targetCpuPercent != null) {
      Validate.range("targetCpuPercent", targetCpuPercent, 1, 100);
    }
    if (targetMemoryPercent != null) {
      Validate.range("targetMemoryPercent", targetMemoryPercent, 1, 100);
    }
    if (targetCpuPercent == null && targetMemoryPercent == null) {
      throw new ValidationException(
          "targetCpuPercent",
          "an autoscale policy needs a target: set targetCpuPercent, targetMemoryPercent or both");
    }
    if (minReplicas > maxReplicas) {
      throw new ValidationException(
          "minReplicas", "must be <= maxReplicas (" + maxReplicas + "), got " + minReplicas);
    }
  }

  /** A policy that aims at CPU only, as policies were before the memory target existed. */
  public AutoscalePolicy(int minReplicas, int maxReplicas, int targetCpuPercent) {
    this(minReplicas, maxReplicas, Integer.valueOf(targetCpuPercent), null);
  }

  /** A policy that aims at CPU only. */
  public static AutoscalePolicy cpu(int minReplicas, int maxReplicas, int targetCpuPercent) {
    return new AutoscalePolicy(minReplicas, maxReplicas, targetCpuPercent);
  }

  /** E.g. {@code 2 to 10 replicas at 60% CPU and 80% memory of the request}. */
  public String describe() {
    String targets =
        targetCpuPercent == null
            ? targetMemoryPercent + "% memory"
            : targetCpuPercent
                + "% CPU"
                + (targetMemoryPercent == null ? "" : " and " + targetMemoryPercent + "% memory");
    return minReplicas + " to " + maxReplicas + " replicas at " + targets + " of the request";
  }

  /** {@code replicas} moved into {@code [minReplicas, maxReplicas]}. */
  public int clamp(int replicas) {
    return Math.max(minReplicas, Math.min(maxReplicas, replicas));
  }
}
