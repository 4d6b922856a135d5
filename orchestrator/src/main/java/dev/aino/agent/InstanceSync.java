package dev.aino.agent;

import dev.aino.error.AinoException;
import dev.aino.model.DesiredState;
import dev.aino.model.HealthCheck;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.Workload;
import dev.aino.model.WorkloadSpec;
import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.ContainerRuntime;
import dev.aino.runtime.ContainerSpec;
import dev.aino.runtime.ContainerState;
import dev.aino.runtime.ContainerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brings one instance of this node and its container into line: takes the instance as the node's
 * feed delivered it (or as this agent last wrote it) and the container's state and does what that
 * pair calls for. Level-triggered, so running it again for the same pair does nothing new; every
 * write is a compare-and-swap of the instance it read, and a lost race just queues the instance to
 * be synced again.
 */
final class InstanceSync {
  private final AgentContext ctx;
  private final NodeApi api;
  private final ContainerRuntime runtime;
  private final LocalContainers containers;
  private final Monitor monitor;
  private final RestartBackoff backoff;
  private final AgentEvents events;
  private final AssignedInstances assigned;
  private final AgentActions actions;
  private final Restarts restarts;

  /**
   * When this agent took up each instance it found Scheduled ({@link System#nanoTime()}), until the
   * instance is recorded Running: the container start latency. Bounded: an instance that never runs
   * (deleted while starting, a container left Created) is forgotten when the map is full.
   */
  private final Map<String, Long> takenUp = new ConcurrentHashMap<>();

  private static final int MAX_TAKEN_UP = 100_000;

  InstanceSync(AgentContext ctx, AssignedInstances assigned) {
    this.ctx = ctx;
    this.api = ctx.api();
    this.runtime = ctx.runtime();
    this.containers = ctx.containers();
    this.monitor = ctx.monitor();
    this.backoff = ctx.backoff();
    this.events = ctx.events();
    this.assigned = assigned;
    this.actions = new AgentActions(ctx, assigned);
    this.restarts = new Restarts(ctx, actions);
  }

  void sync(String id) {
    // The copy the feed delivered (or this agent last wrote): no store read per change.
    Optional<Instance> found = assigned.get(id);
    ContainerHandle local = containers.current(id);
    if (found.isEmpty()) {
      release(id, local, "was deleted or is no longer placed on this node");
      return;
    }
    Instance instance = found.get();
    if (instance.phase().isTerminal()) {
      settleTerminal(instance, local);
      return;
    }
    if (instance.phase() == InstancePhase.PENDING) {
      return; // not placed yet: the control plane sets node and Scheduled together
    }
    ContainerHandle handle = currentContainer(instance, local);
    if (instance.desired() == DesiredState.STOP) {
      stopOnRequest(instance, handle);
      return;
    }
    if (handle == null) {
      if (instance.containerId() != null) {
        restarts.ended(
            instance,
            null,
            ContainerStatus.notFound("the runtime no longer knows " + instance.containerId()),
            null);
      } else {
        startWhenDue(instance);
      }
      return;
    }
    ContainerStatus status = runtime.inspect(handle);
    switch (status.state()) {
      case CREATED -> onCreated(instance, handle);
      case RUNNING -> onRunning(instance, handle, status);
      default -> restarts.ended(instance, handle, status, null);
    }
  }

  /**
   * The instance's container: the one this agent holds, else the one the store records (re-attached
   * through the runtime). A held container the store records differently must not run beside it.
   */
  private ContainerHandle currentContainer(Instance instance, ContainerHandle local) {
    if (local != null) {
      if (instance.containerId() == null || instance.containerId().equals(local.containerId())) {
        return local;
      }
      actions.remove(local, "it is not the container the instance records");
    }
    if (instance.containerId() == null) {
      return null;
    }
    Optional<ContainerHandle> recovered = runtime.recover(instance.id(), instance.containerId());
    recovered.ifPresent(containers::setCurrent);
    return recovered.orElse(null);
  }

  private void startWhenDue(Instance instance) {
    Instant due = backoff.due(instance);
    Instant now = ctx.clock().instant();
    if (due != null && now.isBefore(due)) {
      ctx.queue().addAfter(instance.id(), Duration.between(now, due));
      return;
    }
    start(instance);
  }

  private void start(Instance instance) {
    actions.removeLeftover(instance.id());
    Optional<Workload> workload = api.workload(instance.workload());
    if (workload.isEmpty()) {
      StartFailure why =
          new StartFailure(
              Transitions.START_FAILED,
              "workload \"" + instance.workload() + "\" not found, so there is no spec to start");
      if (actions.write(Transitions.startFailed(instance, why, ctx.clock().instant())) != null) {
        events.instanceWarning(instance.id(), why.reason(), why.message());
      }
      return;
    }
    // A spec changed since the instance was made still applies: the control plane replaces
    // outdated instances by a rolling update, and until then a restart runs the current spec.
    WorkloadSpec spec = workload.get().spec();
    Instance current = instance;
    if (instance.phase() == InstancePhase.SCHEDULED) {
      if (takenUp.size() >= MAX_TAKEN_UP) {
        takenUp.clear();
      }
      takenUp.put(instance.id(), System.nanoTime());
      current = actions.write(Transitions.starting(instance, spec.image()));
      if (current == null) {
        return;
      }
      events.instance(instance.id(), Transitions.STARTING, current.message());
    }
    ContainerSpec containerSpec = ContainerSpec.of(current, spec);
    ContainerHandle handle;
    try {
      // The pull happens before taking a start slot: a slow registry holds back no other start.
      runtime.prepare(containerSpec);
    } catch (AinoException e) {
      takenUp.remove(current.id()); // a retry's latency would include the back-off
      restarts.startFailed(current, spec.restartPolicy(), StartFailure.of(e));
      return;
    }
    StartSlots slots = ctx.startSlots();
    try {
      if (!slots.tryTake()) {
        current =
            actions.write(Transitions.waitingForStartSlot(current, spec.image(), slots.count()));
        if (current == null) {
          return; // changed meanwhile: synced again
        }
        slots.take();
      }
    } catch (InterruptedException e) {
      // The agent is stopping; the instance stays Starting and the next agent starts it.
      Thread.currentThread().interrupt();
      return;
    }
    try {
      handle = runtime.start(containerSpec);
    } catch (AinoException e) {
      takenUp.remove(current.id()); // a retry's latency would include the back-off
      restarts.startFailed(current, spec.restartPolicy(), StartFailure.of(e));
      return;
    } finally {
      slots.give();
    }
    containers.setCurrent(handle);
    ContainerStatus status = runtime.inspect(handle);
    monitor.watch(handle, status.state(), spec.healthCheck());
    switch (status.state()) {
      case CREATED -> onCreated(current, handle);
      case RUNNING -> onRunning(current, handle, status);
      default -> {
        takenUp.remove(current.id()); // ended before it was seen running: no start to time
        restarts.ended(current, handle, status, null);
      }
    }
  }

  private void onCreated(Instance instance, ContainerHandle handle) {
    watch(instance, handle, ContainerState.CREATED);
    if (!handle.containerId().equals(instance.containerId())) {
      actions.write(Transitions.created(instance, handle));
    }
  }

  private void onRunning(Instance instance, ContainerHandle handle, ContainerStatus status) {
    HealthCheck check = watch(instance, handle, ContainerState.RUNNING);
    boolean recorded = handle.containerId().equals(instance.containerId());
    if (instance.phase() != InstancePhase.RUNNING || !recorded) {
      Instance next =
          actions.write(
              Transitions.running(instance, handle, status, check == null).toBuilder()
                  .ip(runtime.address(handle).orElse(null))
                  .build());
      if (next != null) {
        Long since = takenUp.remove(instance.id());
        if (since != null) {
          ctx.metrics().containerStarted(System.nanoTime() - since);
        }
        String restart =
            instance.restartCount() > 0 ? " (restart " + instance.restartCount() + ")" : "";
        events.instance(
            instance.id(),
            Transitions.STARTED,
            "started container " + handle.containerId() + restart);
      }
      return;
    }
    HealthState health = monitor.health(instance.id());
    if (check != null && health.failuresInARow() >= check.failureThreshold()) {
      restartUnhealthy(instance, handle, health);
      return;
    }
    boolean ready = check == null || health.ready();
    if (ready != instance.ready()) {
      actions.write(instance.toBuilder().ready(ready).build());
    }
  }

  /** Has the monitor watch the container (once) and returns its health check, if any. */
  private HealthCheck watch(Instance instance, ContainerHandle handle, ContainerState state) {
    if (!monitor.isWatching(handle)) {
      monitor.watch(handle, state, ctx.healthCheckOf(instance));
    }
    return monitor.check(instance.id());
  }

  private void restartUnhealthy(Instance instance, ContainerHandle handle, HealthState health) {
    events.instanceWarning(
        instance.id(),
        Transitions.UNHEALTHY,
        "health check failed "
            + health.failuresInARow()
            + " times in a row ("
            + health.lastFailure()
            + "); restarting container "
            + handle.containerId());
    runtime.stop(handle, ctx.stopGraceOf(instance.id()));
    ContainerStatus status = runtime.inspect(handle);
    String cause = "failed its health check " + health.failuresInARow() + " time(s) in a row";
    restarts.ended(instance, handle, status, new Transitions.Cause(Transitions.UNHEALTHY, cause));
  }

  /** The control plane set desired STOP: stop with the grace period, remove, Terminated. */
  private void stopOnRequest(Instance instance, ContainerHandle handle) {
    monitor.forget(instance.id());
    ContainerStatus last = null;
    if (handle != null) {
      runtime.stop(handle, ctx.stopGraceOf(instance.id()));
      last = runtime.inspect(handle);
      runtime.destroy(handle);
      containers.forgetCurrent(instance.id());
    }
    Instance next =
        actions.write(Transitions.terminated(instance, handle, last, ctx.clock().instant()));
    if (next != null) {
      events.instance(instance.id(), Transitions.STOPPED, next.message());
      backoff.forget(instance.id());
    }
  }

  /**
   * A terminal instance keeps its container only when it Succeeded or Failed (for its logs); a Lost
   * one's container is stale, since the control plane replaced it elsewhere.
   */
  private void settleTerminal(Instance instance, ContainerHandle local) {
    monitor.forget(instance.id());
    backoff.forget(instance.id());
    actions.removeLeftover(instance.id());
    if (local == null) {
      return;
    }
    boolean keepsLogs =
        (instance.phase() == InstancePhase.SUCCEEDED || instance.phase() == InstancePhase.FAILED)
            && local.containerId().equals(instance.containerId());
    if (keepsLogs) {
      return;
    }
    actions.remove(local, "the instance is " + instance.phase());
    if (instance.phase() == InstancePhase.LOST) {
      events.instance(
          instance.id(),
          Transitions.STOPPED,
          "stopped stale container "
              + local.containerId()
              + ": the control plane marked the instance Lost and replaced it");
    }
  }

  /** The instance was deleted or moved away: nothing of it may keep running here. */
  private void release(String id, ContainerHandle local, String why) {
    monitor.forget(id);
    backoff.forget(id);
    containers.forgetLastRun(id);
    actions.removeLeftover(id);
    if (local != null) {
      actions.remove(local, "its instance " + why);
    }
  }
}
