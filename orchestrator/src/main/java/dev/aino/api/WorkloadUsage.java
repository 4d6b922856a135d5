package dev.aino.api;

import java.util.List;

/**
 * The average use of a workload's running instances, each in percent of its own request: what the
 * autoscaler steers by.
 *
 * @param instances running instances whose usage was measured
 * @param unmeasured running instances whose usage could not be read yet (just started, node
 *     unreachable)
 * @param cpuMillis average CPU use per measured instance, in millicores
 * @param memoryBytes average memory in use per measured instance
 * @param cpuPercent average CPU use in percent of the request
 * @param memoryPercent average memory use in percent of the request
 */
public record WorkloadUsage(
    int instances,
    int unmeasured,
    long cpuMillis,
    long memoryBytes,
    int cpuPercent,
    int memoryPercent) {

  /** The averages of {@code usages}; {@code unmeasured} counts the instances left out. */
  public static WorkloadUsage of(List<InstanceUsage> usages, int unmeasured) {
    int n = usages.size();
    if (n == 0) {
      return new WorkloadUsage(0, unmeasured, 0, 0, 0, 0);
    }
    long cpu = 0;
    long memory = 0;
    long cpuPercent = 0;
    long memoryPercent = 0;
    for (InstanceUsage u : usages) {
      cpu += u.cpuMillis();
      memory += u.memoryBytes();
      cpuPercent += u.cpuPercent();
      memoryPercent += u.memoryPercent();
    }
    return new WorkloadUsage(
        n,
        unmeasured,
        Math.round((double) cpu / n),
        Math.round((double) memory / n),
        (int) Math.round((double) cpuPercent / n),
        (int) Math.round((double) memoryPercent / n));
  }
}
