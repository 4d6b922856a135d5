package dev.aino.runtime;

import dev.aino.model.Validate;
import java.time.Duration;
import java.time.Instant;

/**
 * A container's resource use at one moment, in the units cgroups report: CPU as cumulative time (so
 * a rate needs two samples, see {@link #cpuMillisSince}), memory in bytes.
 *
 * @param sampledAt when it was measured
 * @param cpuTime CPU time used since the container started, across all cores
 * @param memoryBytes memory in use now
 * @param memoryLimitBytes the memory limit, 0 when unlimited or unknown
 * @param pids processes in the container now
 */
public record ResourceUsage(
    Instant sampledAt, Duration cpuTime, long memoryBytes, long memoryLimitBytes, long pids) {
  public ResourceUsage {
    Validate.required("sampledAt", sampledAt);
    Validate.required("cpuTime", cpuTime);
    if (cpuTime.isNegative()) {
      throw new IllegalArgumentException("cpuTime must not be negative, got " + cpuTime);
    }
    Validate.range("memoryBytes", memoryBytes, 0, Long.MAX_VALUE);
    Validate.range("memoryLimitBytes", memoryLimitBytes, 0, Long.MAX_VALUE);
    Validate.range("pids", pids, 0, Long.MAX_VALUE);
  }

  /**
   * Average CPU use between {@code earlier} and this sample, in millicores (1000 = one core busy);
   * 0 when no time passed.
   */
  public long cpuMillisSince(ResourceUsage earlier) {
    long wallNanos = Duration.between(earlier.sampledAt, sampledAt).toNanos();
    if (wallNanos <= 0) {
      return 0;
    }
    long cpuNanos = Math.max(0, cpuTime.minus(earlier.cpuTime).toNanos());
    return Math.round(cpuNanos * 1000.0 / wallNanos);
  }
}
