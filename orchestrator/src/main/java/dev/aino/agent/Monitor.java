package dev.aino.agent;

import dev.aino.error.AinoException;
import dev.aino.model.HealthCheck;
import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.ContainerRuntime;
import dev.aino.runtime.ContainerState;
import dev.aino.runtime.ContainerStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the agent's live containers. It decides nothing; when a container's state or its health
 * changes in a way that matters, it hands the instance id to {@code onChange} and the agent's sync
 * decides.
 *
 * <p>An exit is an event: each watched container has an {@link ContainerRuntime#onExit} listener,
 * so its instance is queued the moment the runtime learns of the end. The periodic {@link #poll()}
 * (every {@link AgentConfig#pollInterval()}, 1 s by default; no thread per container) starts the
 * health checks that are due, notices the changes a runtime does not announce (created to running)
 * and is the safety net for an exit whose event was lost.
 */
final class Monitor {
  private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);

  private final ContainerRuntime runtime;
  private final Clock clock;
  private final HealthProber prober;
  private final Executor probes;
  private final Consumer<String> onChange;
  private final Map<String, Watched> watched = new ConcurrentHashMap<>();

  Monitor(
      ContainerRuntime runtime,
      Clock clock,
      HealthProber prober,
      Executor probes,
      Consumer<String> onChange) {
    this.runtime = runtime;
    this.clock = clock;
    this.prober = prober;
    this.probes = probes;
    this.onChange = onChange;
  }

  /**
   * Watches {@code handle}, last seen in {@code state}, with an optional health check. Watching the
   * same container again keeps what its checks found so far.
   */
  void watch(ContainerHandle handle, ContainerState state, HealthCheck check) {
    Watched[] added = new Watched[1];
    watched.compute(
        handle.instanceId(),
        (id, old) -> {
          if (old != null && old.handle.equals(handle)) {
            return old;
          }
          added[0] = new Watched(handle, state, check);
          return added[0];
        });
    if (added[0] != null) {
      listenForExit(handle.instanceId(), added[0]);
    }
  }

  private void listenForExit(String instanceId, Watched w) {
    try {
      runtime.onExit(w.handle, end -> exited(instanceId, w, end));
    } catch (AinoException e) {
      LOG.warn(
          "cannot listen for the exit of {}, the poll will see it: {}", w.handle, e.getMessage());
    }
  }

  /** The runtime says the container ended: the sync hears of it now, unless it knew already. */
  private void exited(String instanceId, Watched w, ContainerStatus end) {
    if (watched.get(instanceId) != w || w.state == end.state()) {
      return;
    }
    w.state = end.state();
    onChange.accept(instanceId);
  }

  boolean isWatching(ContainerHandle handle) {
    Watched w = watched.get(handle.instanceId());
    return w != null && w.handle.equals(handle);
  }

  /** The health check of the watched container of {@code instanceId}, or null. */
  HealthCheck check(String instanceId) {
    Watched w = watched.get(instanceId);
    return w == null ? null : w.check;
  }

  /** What the checks of the instance's current container found; unchecked when none ran. */
  HealthState health(String instanceId) {
    Watched w = watched.get(instanceId);
    return w == null ? HealthState.UNCHECKED : w.health;
  }

  void forget(String instanceId) {
    watched.remove(instanceId);
  }

  /** Inspects every watched container once and starts due health checks. */
  void poll() {
    for (Map.Entry<String, Watched> entry : watched.entrySet()) {
      try {
        poll(entry.getKey(), entry.getValue());
      } catch (AinoException e) {
        LOG.warn("inspecting {} failed: {}", entry.getValue().handle, e.getMessage());
      }
    }
  }

  private void poll(String instanceId, Watched w) {
    ContainerStatus status = runtime.inspect(w.handle);
    if (status.state() != w.state) {
      w.state = status.state();
      onChange.accept(instanceId);
    }
    if (status.state() != ContainerState.RUNNING || w.check == null) {
      return;
    }
    Instant now = clock.instant();
    if (w.nextCheckAt == null) {
      Instant started = status.startedAt() != null ? status.startedAt() : now;
      w.nextCheckAt = started.plusSeconds(w.check.initialDelaySeconds());
    }
    if (!now.isBefore(w.nextCheckAt) && w.probing.compareAndSet(false, true)) {
      try {
        probes.execute(() -> probe(instanceId, w));
      } catch (RejectedExecutionException e) {
        w.probing.set(false); // shutting down
      }
    }
  }

  private void probe(String instanceId, Watched w) {
    Instant began = clock.instant();
    try {
      ProbeResult result = prober.probe(w.handle, w.check);
      HealthState before = w.health;
      HealthState after = before.after(result);
      w.health = after;
      LOG.debug("health check of {}: {}", w.handle, result);
      boolean matters =
          before.ready() != after.ready() || after.failuresInARow() >= w.check.failureThreshold();
      if (matters && watched.get(instanceId) == w) {
        onChange.accept(instanceId);
      }
    } finally {
      w.nextCheckAt = began.plusSeconds(w.check.intervalSeconds());
      w.probing.set(false);
    }
  }

  /** One watched container. Written by the poll and probe threads, read by syncs. */
  private static final class Watched {
    final ContainerHandle handle;
    final HealthCheck check;
    final AtomicBoolean probing = new AtomicBoolean();
    volatile ContainerState state;
    volatile HealthState health = HealthState.UNCHECKED;
    volatile Instant nextCheckAt;

    Watched(ContainerHandle handle, ContainerState state, HealthCheck check) {
      this.handle = handle;
      this.state = state;
      this.check = check;
    }
  }
}
