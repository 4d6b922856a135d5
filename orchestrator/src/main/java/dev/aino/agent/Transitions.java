package dev.aino.agent;

import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.InstanceReasons;
import dev.aino.model.RestartPolicy;
import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.ContainerStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * The instance values the agent writes, one method per transition, each with the reason and the
 * message a person reads. Pure: the caller writes the result with compare-and-swap.
 */
final class Transitions {
  static final String STARTING = InstanceReasons.STARTING;
  static final String STARTED = InstanceReasons.STARTED;
  static final String COMPLETED = InstanceReasons.COMPLETED;
  static final String ERROR = InstanceReasons.ERROR;
  static final String OOM_KILLED = InstanceReasons.OOM_KILLED;
  static final String START_FAILED = InstanceReasons.START_FAILED;
  static final String UNHEALTHY = InstanceReasons.UNHEALTHY;
  static final String STOPPED = InstanceReasons.STOPPED;

  private Transitions() {}

  /**
   * Why the agent itself ended a container, when it did.
   *
   * @param reason the instance's reason if it is not restarted, e.g. {@code Unhealthy}
   * @param detail what happened, e.g. {@code failed 3 health checks in a row}
   */
  record Cause(String reason, String detail) {}

  /** Scheduled to Starting: the agent took the instance on and is about to start it. */
  static Instance starting(Instance i, String image) {
    return i.toBuilder()
        .transition(InstancePhase.STARTING, STARTING, "starting a container from image " + image)
        .build();
  }

  /** Still Starting, waiting for one of the node's {@code slots} start slots to come free. */
  static Instance waitingForStartSlot(Instance i, String image, int slots) {
    return i.toBuilder()
        .transition(
            InstancePhase.STARTING,
            STARTING,
            "waiting to start a container from image "
                + image
                + ": this node starts at most "
                + slots
                + " at once (--parallel-starts) and all are taken")
        .build();
  }

  /** The runtime accepted the container; its process has not started yet. */
  static Instance created(Instance i, ContainerHandle c) {
    return i.toBuilder()
        .transition(
            InstancePhase.STARTING, STARTING, "container " + c.containerId() + " is starting")
        .containerId(c.containerId())
        .build();
  }

  static Instance running(Instance i, ContainerHandle c, ContainerStatus s, boolean ready) {
    return i.toBuilder()
        .transition(InstancePhase.RUNNING, STARTED, "container " + c.containerId() + " is running")
        .containerId(c.containerId())
        .startedAt(s.startedAt())
        .ready(ready)
        .build();
  }

  /**
   * The container ended and will be restarted after {@code delay}: Starting with reason {@code
   * CrashLoopBackOff}, no container, one more restart.
   *
   * @param cause what ended it, e.g. {@code exit code 3} or {@code start failed: ...}
   */
  static Instance backOff(
      Instance i, Integer exitCode, String cause, boolean failed, Instant at, Duration delay) {
    int restart = i.restartCount() + 1;
    String message =
        "back-off "
            + Durations.format(delay)
            + " restarting "
            + (failed ? "failed" : "exited")
            + " container ("
            + cause
            + ", restart "
            + restart
            + ")";
    return i.toBuilder()
        .transition(InstancePhase.STARTING, RestartBackoff.REASON, message)
        .containerId(null)
        .exitCode(exitCode != null ? exitCode : i.exitCode())
        .restartCount(restart)
        .ready(false)
        .finishedAt(at)
        .build();
  }

  /**
   * The image could not be pulled and will be pulled again after {@code delay}, as the restart
   * policy retries: Starting with reason {@code ErrImagePull} after the first failure and {@code
   * ImagePullBackOff} after later ones, as Kubernetes says. No container ever ran, so neither the
   * restart count nor the exit code changes.
   */
  static Instance pullBackOff(Instance i, StartFailure why, Instant at, Duration delay) {
    String reason =
        i.waitsToPullImage() ? InstanceReasons.IMAGE_PULL_BACK_OFF : InstanceReasons.ERR_IMAGE_PULL;
    String message =
        "back-off " + Durations.format(delay) + " pulling the image again: " + why.describe();
    return i.toBuilder()
        .transition(InstancePhase.STARTING, reason, message)
        .containerId(null)
        .ready(false)
        .finishedAt(at)
        .build();
  }

  /**
   * The container ended for good: Succeeded after exit code 0, Failed otherwise. The container id
   * stays, so its logs can still be read.
   *
   * @param cause why the agent ended it, or null when it ended by itself
   */
  static Instance ended(
      Instance i, ContainerHandle c, ContainerStatus s, RestartPolicy policy, Cause cause) {
    boolean succeeded = !s.failed() && cause == null;
    String reason;
    if (succeeded) {
      reason = COMPLETED;
    } else if (cause != null) {
      reason = cause.reason();
    } else {
      reason = s.oomKilled() ? OOM_KILLED : ERROR;
    }
    String container = c == null ? "the container" : "container " + c.containerId();
    String message =
        succeeded
            ? container + " exited with code 0"
            : container
                + " ended ("
                + (cause == null ? s.describeEnd() : cause.detail())
                + ") and restart policy "
                + policy
                + " does not restart it";
    return i.toBuilder()
        .transition(succeeded ? InstancePhase.SUCCEEDED : InstancePhase.FAILED, reason, message)
        .containerId(c == null ? i.containerId() : c.containerId())
        .exitCode(s.exitCode() != null ? s.exitCode() : i.exitCode())
        .startedAt(s.startedAt() != null ? s.startedAt() : i.startedAt())
        .finishedAt(s.finishedAt() != null ? s.finishedAt() : i.finishedAt())
        .ready(false)
        .build();
  }

  /** The container could not be started and will not be retried. */
  static Instance startFailed(Instance i, StartFailure why, Instant at) {
    return i.toBuilder()
        .transition(InstancePhase.FAILED, why.reason(), why.message())
        .ready(false)
        .finishedAt(at)
        .build();
  }

  /** Stopped because the control plane asked for it; the container is gone. */
  static Instance terminated(Instance i, ContainerHandle c, ContainerStatus last, Instant at) {
    String message =
        c == null
            ? "stopped on request; no container was running"
            : "stopped on request; container " + c.containerId() + " removed";
    Integer exitCode = last != null && last.exitCode() != null ? last.exitCode() : i.exitCode();
    Instant finishedAt = last != null && last.finishedAt() != null ? last.finishedAt() : at;
    return i.toBuilder()
        .transition(InstancePhase.TERMINATED, STOPPED, message)
        .exitCode(exitCode)
        .finishedAt(finishedAt)
        .ready(false)
        .build();
  }
}
