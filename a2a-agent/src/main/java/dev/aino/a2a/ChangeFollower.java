package dev.aino.a2a;

import dev.aino.api.InstanceFilter;
import dev.aino.api.OrchestratorService;
import dev.aino.api.WorkloadStatus;
import dev.aino.error.AinoException;
import dev.aino.error.NotFoundException;
import dev.aino.intent.IntentAction;
import dev.aino.model.DesiredState;
import dev.aino.model.Instance;
import dev.aino.model.WorkloadState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows one applied change through the facade until it has taken effect, and moves its task:
 * {@code WORKING} with "2/3 running" while replicas start, {@code COMPLETED} once the workload runs
 * as declared (or is gone, for a delete), {@code FAILED} with the workload's own message when it
 * stays degraded or pending (an image that cannot be pulled, replicas no node fits) or does not
 * settle in time. A canceled task is no longer followed.
 */
final class ChangeFollower implements Runnable {
  private final A2aTask task;
  private final OrchestratorService service;
  private final String workload;
  private final boolean replacing;
  private final Instant appliedAt;
  private final A2aSettings settings;
  private final Clock clock;
  private final Consumer<A2aTask> complete;
  private ScheduledFuture<?> future;
  private String lastProgress;
  private Instant stuckSince;

  /**
   * @param replacing true when the change replaces running instances (a rolling update, a restart):
   *     only instances created after {@code appliedAt} count as done
   * @param complete adds the result's artifacts and completes the task
   */
  ChangeFollower(
      A2aTask task,
      OrchestratorService service,
      String workload,
      boolean replacing,
      Instant appliedAt,
      A2aSettings settings,
      Clock clock,
      Consumer<A2aTask> complete) {
    this.task = task;
    this.service = service;
    this.workload = workload;
    this.replacing = replacing;
    this.appliedAt = appliedAt;
    this.settings = settings;
    this.clock = clock;
    this.complete = complete;
  }

  synchronized void start(ScheduledExecutorService executor) {
    long every = settings.pollInterval().toMillis();
    future = executor.scheduleWithFixedDelay(this, 0, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void run() {
    if (task.state().isTerminal()) {
      stop();
      return;
    }
    try {
      if (step()) {
        stop();
      }
    } catch (AinoException e) {
      task.moveTo(
          TaskState.FAILED,
          "could not follow " + workload + ": " + e.getMessage(),
          null,
          clock.instant());
      stop();
    } catch (RuntimeException e) {
      task.moveTo(
          TaskState.FAILED, "could not follow " + workload + ": " + e, null, clock.instant());
      stop();
    }
  }

  /** One look at the workload; true when the task is finished. */
  private boolean step() {
    Instant now = clock.instant();
    WorkloadStatus status;
    try {
      status = service.workload(workload);
    } catch (NotFoundException e) {
      if (task.action == IntentAction.DELETE) {
        complete.accept(task);
      } else {
        task.moveTo(TaskState.FAILED, workload + " was deleted meanwhile", null, now);
      }
      return true;
    }
    List<Instance> live =
        service.instances(InstanceFilter.ofWorkload(workload)).stream()
            .filter(i -> i.desired() == DesiredState.RUN && !i.phase().isTerminal())
            .toList();
    String progress;
    boolean done;
    if (task.action == IntentAction.DELETE) {
      progress = "deleting " + workload + ": " + live.size() + " instances still running";
      done = false;
    } else {
      int desired = status.desired();
      long current =
          live.stream()
              .filter(Instance::ready)
              .filter(i -> !replacing || !i.createdAt().isBefore(appliedAt))
              .count();
      progress = Math.min(current, desired) + "/" + desired + " running";
      done = current >= desired && live.size() == desired;
    }
    if (!progress.equals(lastProgress)) {
      // Said even when it is the last count: the client sees the count that completed the task.
      lastProgress = progress;
      task.moveTo(TaskState.WORKING, progress, null, now);
    }
    if (done) {
      complete.accept(task);
      return true;
    }
    boolean stuck =
        (status.state() == WorkloadState.DEGRADED || status.state() == WorkloadState.PENDING)
            && status.message() != null;
    if (!stuck) {
      stuckSince = null;
    } else if (stuckSince == null) {
      stuckSince = now;
    } else if (!now.isBefore(stuckSince.plus(settings.stuckAfter()))) {
      task.moveTo(
          TaskState.FAILED,
          workload
              + " is "
              + status.state().label()
              + ": "
              + status.message()
              + " (the spec stays applied; "
              + progress
              + ")",
          null,
          now);
      return true;
    }
    if (now.isAfter(appliedAt.plus(settings.followTimeout()))) {
      task.moveTo(
          TaskState.FAILED,
          workload
              + " did not settle within "
              + describe(settings.followTimeout())
              + ": "
              + progress
              + " (the spec stays applied)",
          null,
          now);
      return true;
    }
    return false;
  }

  private void stop() {
    if (future != null) {
      future.cancel(false);
    }
  }

  private static String describe(Duration d) {
    return d.toSeconds() >= 60 ? d.toMinutes() + " min" : d.toSeconds() + " s";
  }
}
