package dev.aino.autoscale;

import dev.aino.api.WorkloadUsage;
import dev.aino.model.AutoscalePolicy;

/**
 * The HorizontalPodAutoscaler's rule as a pure function: for each target, {@code desired =
 * ceil(current × usage / target)}, unless usage is within the tolerance of the target; the larger
 * of the CPU and memory recommendations; clamped to the policy's bounds.
 *
 * <p>Running instances without a measurement yet (just started) are handled as the HPA handles pods
 * without metrics: the rule is first applied to the measured ones; if that says up, it is applied
 * again counting the others as idle (0%), if it says down, counting them as fully busy (100%), and
 * the count moves only when the second answer still goes the same way, to the second answer. So
 * replicas that were just added, and not measured yet, never make the autoscaler add more on the
 * old replicas' figures alone.
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
    Recommendation measured = recommendFor(policy, current, usage, tolerance);
    if (usage.unmeasured() == 0 || measured.replicas() == current) {
      return measured;
    }
    boolean up = measured.replicas() > current;
    Recommendation cautious =
        recommendFor(policy, current, assuming(usage, up ? 0 : 100), tolerance);
    String note =
        " ("
            + usage.unmeasured()
            + " instance(s) not measured yet, counted as "
            + (up ? "idle" : "fully busy")
            + ")";
    if (up ? cautious.replicas() > current : cautious.replicas() < current) {
      return new Recommendation(cautious.replicas(), cautious.reason() + note);
    }
    return new Recommendation(current, measured.reason() + note);
  }

  /** {@code usage} with its unmeasured instances counted at {@code percent} of their request. */
  private static WorkloadUsage assuming(WorkloadUsage usage, int percent) {
    int n = usage.instances() + usage.unmeasured();
    return new WorkloadUsage(
        n,
        0,
        usage.cpuMillis(),
        usage.memoryBytes(),
        (int)
            Math.round(
                ((double) usage.cpuPercent() * usage.instances() + percent * usage.unmeasured())
                    / n),
        (int)
            Math.round(
                ((double) usage.memoryPercent() * usage.instances() + percent * usage.unmeasured())
                    / n));
  }

  private static Recommendation recommendFor(
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
