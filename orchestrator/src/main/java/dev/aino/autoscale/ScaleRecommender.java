package dev.aino.autoscale;

import dev.aino.api.WorkloadUsage;
import dev.aino.model.AutoscalePolicy;

/**
 * The HorizontalPodAutoscaler's rule as a pure function: for each target, {@code desired =
 * ceil(current × usage / target)}, unless usage is within the tolerance of the target; the larger
 * of the CPU and memory recommendations; clamped to the policy's bounds.
 */
public final class ScaleRecommender {
  private ScaleRecommender() {}

  /**
   * What the count should be, and why.
   *
   * @param replicas the recommended count, within the policy's bounds
   * @param reason e.g. {@code cpu 92% of request > target 60%}, naming the resource that decided
   */
  public record Recommendation(int replicas, String reason) {}

  /**
   * The recommendation for a workload of {@code current} replicas whose measured instances use
   * {@code usage} on average.
   */
  public static Recommendation recommend(
      AutoscalePolicy policy, int current, WorkloadUsage usage, double tolerance) {
    int best = -1;
    String why = null;
    if (policy.targetCpuPercent() != null) {
      best = desired(current, usage.cpuPercent(), policy.targetCpuPercent(), tolerance);
      why = reason("cpu", usage.cpuPercent(), policy.targetCpuPercent());
    }
    if (policy.targetMemoryPercent() != null) {
      int memory = desired(current, usage.memoryPercent(), policy.targetMemoryPercent(), tolerance);
      if (memory > best) {
        best = memory;
        why = reason("memory", usage.memoryPercent(), policy.targetMemoryPercent());
      }
    }
    int clamped = policy.clamp(best);
    if (clamped != best) {
      why += " (bounded by " + (clamped > best ? "minReplicas " : "maxReplicas ") + clamped + ")";
    }
    return new Recommendation(clamped, why);
  }

  private static int desired(int current, int usagePercent, int targetPercent, double tolerance) {
    // |usage / target - 1| <= tolerance, without the division: 66 / 60 - 1 is 0.10000000000000009.
    if (Math.abs(usagePercent - targetPercent) <= tolerance * targetPercent + 1e-9) {
      return current;
    }
    // In integers, so 3 × 80 / 60 is exactly 4, not 4.000000001 rounded up to 5.
    long product = (long) current * usagePercent;
    return (int) Math.min(Integer.MAX_VALUE, (product + targetPercent - 1) / targetPercent);
  }

  private static String reason(String resource, int usagePercent, int targetPercent) {
    String relation = usagePercent > targetPercent ? ">" : usagePercent < targetPercent ? "<" : "=";
    return resource
        + " "
        + usagePercent
        + "% of request "
        + relation
        + " target "
        + targetPercent
        + "%";
  }
}
