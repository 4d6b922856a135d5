package dev.aino.agent;

import dev.aino.error.AinoException;
import dev.aino.model.Instance;
import dev.aino.model.RestartPolicy;
import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.ContainerStatus;
import dev.aino.runtime.LogChunk;
import dev.aino.runtime.LogQuery;
import java.time.Duration;
import java.time.Instant;

/**
 * Applies the restart policy when a container ends or cannot start: restart in place after an
 * exponential back-off (phase Starting, reason {@code CrashLoopBackOff}, one more restart; for an
 * image that cannot be pulled {@code ErrImagePull}, then {@code ImagePullBackOff}, no restart
 * counted), or end the instance (Succeeded after exit code 0, Failed otherwise).
 */
final class Restarts {
  /** What is kept of a crashed container's output while its instance waits to restart. */
  private static final LogQuery LAST_RUN = new LogQuery(1000, null, 64 * 1024);

  private final AgentContext ctx;
  private final AgentActions actions;
  private final RestartBackoff backoff;
  private final AgentEvents events;

  Restarts(AgentContext ctx, AgentActions actions) {
    this.ctx = ctx;
    this.actions = actions;
    this.backoff = ctx.backoff();
    this.events = ctx.events();
  }

  /** Starting failed: retry after a back-off unless the restart policy is NEVER. */
  void startFailed(Instance instance, RestartPolicy policy, StartFailure why) {
    events.instanceWarning(instance.id(), why.reason(), why.message());
    Instant now = ctx.clock().instant();
    if (policy == RestartPolicy.NEVER) {
      actions.write(Transitions.startFailed(instance, why, now));
      return;
    }
    RestartBackoff.Planned restart = backoff.plan(instance, Duration.ZERO, now);
    Instance next =
        why.isImagePull()
            ? Transitions.pullBackOff(instance, why, now, restart.delay())
            : Transitions.backOff(instance, null, why.describe(), true, now, restart.delay());
    if (enterBackOff(next, restart)) {
      if (!why.isImagePull()) {
        ctx.metrics().containerRestarted();
      }
      queueRestart(next, restart);
    }
  }

  /**
   * The container ended (or vanished): restart it after a back-off if the restart policy says so,
   * else end the instance.
   *
   * @param cause why the agent ended it (e.g. Unhealthy); null when it ended by itself
   */
  void ended(
      Instance instance, ContainerHandle handle, ContainerStatus status, Transitions.Cause cause) {
    ctx.monitor().forget(instance.id());
    RestartPolicy policy = ctx.restartPolicyOf(instance);
    boolean failed = status.failed() || cause != null;
    boolean restart =
        policy == RestartPolicy.ALWAYS || (policy == RestartPolicy.ON_FAILURE && failed);
    Instant endedAt = status.finishedAt() != null ? status.finishedAt() : ctx.clock().instant();
    if (!restart) {
      Instance next = actions.write(Transitions.ended(instance, handle, status, policy, cause));
      if (next != null) {
        reportEnd(instance, handle, status);
        backoff.forget(instance.id());
      }
      return;
    }
    Instant startedAt = status.startedAt() != null ? status.startedAt() : instance.startedAt();
    Duration ranFor = startedAt == null ? Duration.ZERO : Duration.between(startedAt, endedAt);
    RestartBackoff.Planned planned = backoff.plan(instance, ranFor, endedAt);
    String how = cause == null ? status.describeEnd() : cause.detail();
    Instance next =
        Transitions.backOff(
            instance.toBuilder().startedAt(startedAt).build(),
            status.exitCode(),
            how,
            failed,
            endedAt,
            planned.delay());
    if (handle != null) {
      // Before the write: once the store says the instance has no container, a log read looks
      // for the last run's lines, and they must already be here.
      keepLastLines(instance.id(), handle);
    }
    if (enterBackOff(next, planned)) {
      ctx.metrics().containerRestarted();
      reportEnd(instance, handle, status);
      if (handle != null) {
        actions.remove(handle, "it ended and the instance restarts in a new one");
      }
      queueRestart(next, planned);
    }
  }

  /**
   * Keeps the end of the container's output before it is removed, so that the logs of an instance
   * in back-off still say why it crashed.
   */
  private void keepLastLines(String instanceId, ContainerHandle handle) {
    try {
      LogChunk last = ctx.runtime().logs(handle, LAST_RUN);
      ctx.containers()
          .rememberLastRun(
              instanceId, new LocalContainers.LastRun(handle.containerId(), last.lines()));
    } catch (AinoException e) {
      ctx.containers().forgetLastRun(instanceId); // its output is unreadable: nothing to keep
    }
  }

  /** Writes a back-off transition; false when the write lost a race (the sync runs again). */
  private boolean enterBackOff(Instance next, RestartBackoff.Planned planned) {
    if (actions.write(next) == null) {
      return false;
    }
    backoff.remember(next.id(), planned);
    return true;
  }

  /** Says why the instance waits and syncs it again when the wait is over. */
  private void queueRestart(Instance next, RestartBackoff.Planned planned) {
    events.instanceWarning(next.id(), "BackOff", next.message());
    ctx.queue().addAfter(next.id(), Duration.between(ctx.clock().instant(), planned.due()));
  }

  private void reportEnd(Instance instance, ContainerHandle handle, ContainerStatus status) {
    String container = handle == null ? instance.containerId() : handle.containerId();
    if (status.oomKilled()) {
      events.instanceWarning(
          instance.id(),
          Transitions.OOM_KILLED,
          "container "
              + container
              + " was killed for exceeding its memory limit of "
              + instance.resources().memoryMiB()
              + " MiB");
    } else if (status.failed()) {
      events.instanceWarning(
          instance.id(), "Exited", "container " + container + " ended: " + status.describeEnd());
    } else {
      events.instance(instance.id(), "Exited", "container " + container + " exited with code 0");
    }
  }
}
