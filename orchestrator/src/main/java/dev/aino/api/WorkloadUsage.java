package dev.aino.api;

import dev.aino.error.AinoException;
import dev.aino.model.DesiredState;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import java.util.ArrayList;
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

  /**
   * Measures the instances of {@code instances} that run and are meant to keep running (one told to
   * stop is leaving), through {@code source}; one whose usage cannot be read yet counts as
   * unmeasured. The one reading for the status views and the autoscaler.
   */
  public static WorkloadUsage measure(List<Instance> instances, InstanceUsageSource source) {
    List<InstanceUsage> measured = new ArrayList<>();
    int unmeasured = 0;
    for (Instance i : instances) {
      if (i.phase() != InstancePhase.RUNNING || i.desired() != DesiredState.RUN) {
        continue;
      }
      try {
        InstanceUsage u = source.usage(i);
        if (u.measured()) {
          measured.add(u);
        } else {
          unmeasured++;
        }
      } catch (AinoException e) {
        // Its node cannot be reached, or it has just ended: not measured this time.
        unmeasured++;
      }
    }
    return of(measured, unmeasured);
  }

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
