package dev.aino.agent;

import dev.aino.api.InstanceUsage;
import dev.aino.api.InstanceUsageSource;
import dev.aino.error.FailedPreconditionException;
import dev.aino.model.Instance;
import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.ResourceUsage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the CPU and memory use of every container this agent holds, through the runtime's {@code
 * stats}, and keeps each one's samples of the last usage window: CPU use is a rate, so it needs two
 * samples some time apart, and an average over a window does not jump with every short spike.
 *
 * <p>Samples are timed by the runtime's clock, not the timer's; a sample taken at the same instant
 * as the newest one replaces it, so a test that holds its clock still gets one sample, not many.
 * The window keeps one sample at or before its start as the baseline of the rate, so the CPU figure
 * always covers the whole window once the container has run that long.
 */
final class UsageSampler implements InstanceUsageSource {
  private static final Logger LOG = LoggerFactory.getLogger(UsageSampler.class);

  private final AgentContext ctx;
  private final Duration window;
  private final ConcurrentHashMap<String, Samples> byInstance = new ConcurrentHashMap<>();

  UsageSampler(AgentContext ctx) {
    this.ctx = ctx;
    this.window = ctx.config().usageWindow();
  }

  /** Takes one sample of every current container; forgets containers the agent no longer holds. */
  void sampleAll() {
    Set<String> seen = new HashSet<>();
    for (ContainerHandle handle : ctx.containers().currents()) {
      seen.add(handle.instanceId());
      sample(handle);
    }
    byInstance.keySet().retainAll(seen);
  }

  private Samples sample(ContainerHandle handle) {
    Samples samples =
        byInstance.compute(
            handle.instanceId(),
            (id, old) ->
                old != null && old.containerId.equals(handle.containerId())
                    ? old
                    : new Samples(handle.containerId()));
    try {
      samples.add(ctx.runtime().stats(handle), window);
    } catch (RuntimeException e) {
      // A container removed between the listing and the read; the next pass forgets it.
      LOG.debug("node {}: no stats of {}: {}", ctx.nodeName(), handle, e.getMessage());
    }
    return samples;
  }

  @Override
  public InstanceUsage usage(Instance instance) {
    ContainerHandle handle = ctx.containers().current(instance.id());
    if (handle == null) {
      throw new FailedPreconditionException(
          "instance \""
              + instance.id()
              + "\" has no container on node "
              + ctx.nodeName()
              + " now (phase "
              + instance.phase()
              + (instance.reason() == null ? "" : ", " + instance.reason())
              + "), so it uses nothing to measure");
    }
    Samples samples = byInstance.get(instance.id());
    if (samples == null
        || !samples.containerId.equals(handle.containerId())
        || samples.size() < 2) {
      samples = sample(handle); // asked before the timer measured it: start measuring now
    }
    return samples.usage(instance);
  }

  /** One container's samples, oldest first. */
  private static final class Samples {
    private final String containerId;
    private final ArrayDeque<ResourceUsage> list = new ArrayDeque<>();

    Samples(String containerId) {
      this.containerId = containerId;
    }

    synchronized int size() {
      return list.size();
    }

    synchronized void add(ResourceUsage sample, Duration window) {
      ResourceUsage newest = list.peekLast();
      if (newest != null && !sample.sampledAt().isAfter(newest.sampledAt())) {
        list.pollLast();
      }
      list.addLast(sample);
      var start = sample.sampledAt().minus(window);
      // Drop the oldest while the next one can serve as the baseline at or before the start.
      while (list.size() > 2) {
        Iterator<ResourceUsage> it = list.iterator();
        it.next();
        if (it.next().sampledAt().isAfter(start)) {
          break;
        }
        list.pollFirst();
      }
    }

    synchronized InstanceUsage usage(Instance instance) {
      ResourceUsage oldest = list.peekFirst();
      ResourceUsage newest = list.peekLast();
      if (newest == null) {
        throw new FailedPreconditionException(
            "instance \""
                + instance.id()
                + "\": its runtime reported no usage of container "
                + containerId
                + " yet; ask again in a moment");
      }
      long memory = 0;
      for (ResourceUsage s : list) {
        memory += s.memoryBytes();
      }
      return InstanceUsage.of(
          instance,
          containerId,
          newest.cpuMillisSince(oldest),
          Math.round((double) memory / list.size()),
          list.size(),
          Duration.between(oldest.sampledAt(), newest.sampledAt()),
          newest.sampledAt());
    }
  }
}
