package dev.aino.agent;

import dev.aino.error.ValidationException;
import dev.aino.model.Resources;
import dev.aino.model.Validate;
import java.time.Duration;
import java.util.Map;

/**
 * How a node agent behaves.
 *
 * @param capacity what the node offers (also its allocatable amount)
 * @param labels labels the node reports; labels set on the node by the control plane are kept
 * @param address host:port under which the node's agent can be reached, may be empty
 * @param heartbeatInterval time between heartbeats
 * @param pollInterval time between two inspections of every container
 * @param backoffInitial the first restart delay; each further restart doubles it
 * @param backoffMax the longest restart delay
 * @param backoffResetAfter a container that ran this long before it ended restarts after {@code
 *     backoffInitial} again
 * @param stopGrace how long a container may take to exit after SIGTERM before it is killed
 * @param workers how many instances the agent syncs at the same time
 * @param parallelStarts how many containers the agent starts at the same time; a start beyond that
 *     waits (its instance Starting) for one under way to finish. Pulling an image does not count.
 * @param statsInterval time between two samples of every container's CPU and memory use
 * @param usageWindow how far back the samples reach that an instance's usage averages over; one
 *     shorter than {@code statsInterval} averages over the last two samples
 */
public record AgentConfig(
    Resources capacity,
    Map<String, String> labels,
    String address,
    Duration heartbeatInterval,
    Duration pollInterval,
    Duration backoffInitial,
    Duration backoffMax,
    Duration backoffResetAfter,
    Duration stopGrace,
    int workers,
    int parallelStarts,
    Duration statsInterval,
    Duration usageWindow) {

  public AgentConfig {
    Validate.required("capacity", capacity);
    Validate.range("capacity.cpuMillis", capacity.cpuMillis(), 1, Resources.MAX_HOST_CPU_MILLIS);
    Validate.range("capacity.memoryMiB", capacity.memoryMiB(), 1, Resources.MAX_HOST_MEMORY_MIB);
    labels = Validate.labels("labels", labels);
    address = Validate.text("address", address == null ? "" : address);
    positive("heartbeatInterval", heartbeatInterval);
    positive("pollInterval", pollInterval);
    positive("backoffInitial", backoffInitial);
    positive("backoffMax", backoffMax);
    positive("backoffResetAfter", backoffResetAfter);
    Validate.required("stopGrace", stopGrace);
    if (stopGrace.isNegative()) {
      throw new ValidationException("stopGrace", "must not be negative, got " + stopGrace);
    }
    if (backoffMax.compareTo(backoffInitial) < 0) {
      throw new ValidationException(
          "backoffMax", "must be >= backoffInitial (" + backoffInitial + "), got " + backoffMax);
    }
    Validate.range("workers", workers, 1, 256);
    Validate.range("parallelStarts", parallelStarts, 1, 256);
    positive("statsInterval", statsInterval);
    positive("usageWindow", usageWindow);
  }

  /**
   * Defaults for a node with {@code capacity}: heartbeat every 5 s, poll every second, back-off
   * from 1 s doubling to 5 min and reset after 10 min of running, 10 s stop grace, 16 workers,
   * {@link #defaultParallelStarts()} starts at once, and usage sampled every 5 s and averaged over
   * 30 s.
   */
  public static Builder builder(Resources capacity) {
    return new Builder(capacity);
  }

  public Builder toBuilder() {
    return new Builder(capacity)
        .labels(labels)
        .address(address)
        .heartbeatInterval(heartbeatInterval)
        .pollInterval(pollInterval)
        .backoffInitial(backoffInitial)
        .backoffMax(backoffMax)
        .backoffResetAfter(backoffResetAfter)
        .stopGrace(stopGrace)
        .workers(workers)
        .parallelStarts(parallelStarts)
        .statsInterval(statsInterval)
        .usageWindow(usageWindow);
  }

  /**
   * Two starts per CPU, at least 2. A container start is mostly CPU work (the runtime sets up
   * namespaces, mounts and cgroups); more starts at once than the CPUs can run only share them, so
   * every container of a burst is ready at the end of it. With two per CPU the first ones run while
   * the others wait, and the CPUs are still kept busy while a start waits on its runtime.
   */
  public static int defaultParallelStarts() {
    return Math.min(256, Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));
  }

  private static void positive(String field, Duration value) {
    Validate.required(field, value);
    if (value.isNegative() || value.isZero()) {
      throw new ValidationException(field, "must be > 0, got " + value);
    }
  }

  /** Builds an {@link AgentConfig}; see the record's parameters for each setting. */
  public static final class Builder {
    private final Resources capacity;
    private Map<String, String> labels = Map.of();
    private String address = "";
    private Duration heartbeatInterval = Duration.ofSeconds(5);
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration backoffInitial = Duration.ofSeconds(1);
    private Duration backoffMax = Duration.ofMinutes(5);
    private Duration backoffResetAfter = Duration.ofMinutes(10);
    private Duration stopGrace = Duration.ofSeconds(10);
    // A sync mostly waits: for the runtime to start a container, or out a stop's grace period.
    // Four workers made the fifth of 16 replicas wait for a worker (Scheduled -> Starting 230 ms
    // at p50), and four slow stops held back every start.
    private int workers = 16;
    private int parallelStarts = defaultParallelStarts();
    // Kubernetes' metrics pipeline samples every 15 s; 5 s lets the autoscaler see a load change
    // sooner, and one stats read is a few small file reads.
    private Duration statsInterval = Duration.ofSeconds(5);
    private Duration usageWindow = Duration.ofSeconds(30);

    private Builder(Resources capacity) {
      this.capacity = capacity;
    }

    public Builder labels(Map<String, String> labels) {
      this.labels = labels;
      return this;
    }

    public Builder address(String address) {
      this.address = address;
      return this;
    }

    public Builder heartbeatInterval(Duration heartbeatInterval) {
      this.heartbeatInterval = heartbeatInterval;
      return this;
    }

    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
      return this;
    }

    public Builder backoffInitial(Duration backoffInitial) {
      this.backoffInitial = backoffInitial;
      return this;
    }

    public Builder backoffMax(Duration backoffMax) {
      this.backoffMax = backoffMax;
      return this;
    }

    public Builder backoffResetAfter(Duration backoffResetAfter) {
      this.backoffResetAfter = backoffResetAfter;
      return this;
    }

    public Builder stopGrace(Duration stopGrace) {
      this.stopGrace = stopGrace;
      return this;
    }

    public Builder workers(int workers) {
      this.workers = workers;
      return this;
    }

    public Builder parallelStarts(int parallelStarts) {
      this.parallelStarts = parallelStarts;
      return this;
    }

    public Builder statsInterval(Duration statsInterval) {
      this.statsInterval = statsInterval;
      return this;
    }

    public Builder usageWindow(Duration usageWindow) {
      this.usageWindow = usageWindow;
      return this;
    }

    public AgentConfig build() {
      return new AgentConfig(
          capacity,
          labels,
          address,
          heartbeatInterval,
          pollInterval,
          backoffInitial,
          backoffMax,
          backoffResetAfter,
          stopGrace,
          workers,
          parallelStarts,
          statsInterval,
          usageWindow);
    }
  }
}
