package dev.aino.api;

import dev.aino.model.Instance;
import dev.aino.model.Resources;
import dev.aino.model.Validate;
import java.time.Duration;
import java.time.Instant;

/**
 * How much CPU and memory an instance's container used lately, as its node agent measured it, and
 * what share of the instance's request that is: the figure the autoscaler compares with its target.
 *
 * @param instance the instance id
 * @param workload its workload
 * @param node the node its container runs on
 * @param containerId the container measured
 * @param cpuMillis average CPU use over {@code window}, in millicores (1000 = one core busy)
 * @param memoryBytes average memory in use (working set) over {@code window}
 * @param cpuPercent {@code cpuMillis} in percent of the CPU request
 * @param memoryPercent {@code memoryBytes} in percent of the memory request
 * @param request what the instance requests
 * @param samples how many samples the figures come from
 * @param window the time between the oldest and the newest of them; zero while only one sample
 *     exists, when the CPU figure is not known yet and reads 0
 * @param sampledAt when the newest sample was taken
 */
public record InstanceUsage(
    String instance,
    String workload,
    String node,
    String containerId,
    long cpuMillis,
    long memoryBytes,
    int cpuPercent,
    int memoryPercent,
    Resources request,
    int samples,
    Duration window,
    Instant sampledAt) {
  private static final long MIB = 1024L * 1024;

  public InstanceUsage {
    Validate.required("instance", instance);
    Validate.required("request", request);
    Validate.required("window", window);
    Validate.required("sampledAt", sampledAt);
  }

  /**
   * The usage of {@code instance}'s container {@code containerId} from averages its agent measured.
   */
  public static InstanceUsage of(
      Instance instance,
      String containerId,
      long cpuMillis,
      long memoryBytes,
      int samples,
      Duration window,
      Instant sampledAt) {
    Resources request = instance.resources();
    return new InstanceUsage(
        instance.id(),
        instance.workload(),
        instance.node(),
        containerId,
        cpuMillis,
        memoryBytes,
        percent(cpuMillis, request.cpuMillis()),
        percent(memoryBytes, request.memoryMiB() * MIB),
        request,
        samples,
        window,
        sampledAt);
  }

  /**
   * The shortest span of samples whose CPU figure counts as measured: two periods of the kernel's
   * CPU quota (100 ms each). Why: a container capped by its quota may spend a whole period's share
   * in a few milliseconds, so over a shorter span its rate reads several times its limit (470% of a
   * 100m request was seen for a busy loop capped at 100%); over two periods or more, at most 1.5
   * times it.
   */
  public static final Duration MIN_CPU_SPAN = Duration.ofMillis(200);

  /**
   * True once two samples at least {@link #MIN_CPU_SPAN} apart exist, so the CPU figure means
   * something.
   */
  public boolean measured() {
    return window.compareTo(MIN_CPU_SPAN) >= 0;
  }

  private static int percent(long used, long requested) {
    if (requested <= 0) {
      return 0;
    }
    return (int) Math.min(Integer.MAX_VALUE, Math.round(used * 100.0 / requested));
  }
}
