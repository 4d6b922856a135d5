package dev.aino.agent;

import dev.aino.model.Instance;
import dev.aino.model.InstanceReasons;
import dev.aino.retry.Backoff;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exponential restart back-off per instance: {@code initial}, doubling with each restart in a row,
 * at most {@code max}; a container that ran {@code resetAfter} before it ended starts over at
 * {@code initial}. The step survives an agent restart only as far as it can be read off the
 * instance (its restart count), which never waits shorter than the real step would. Pulls of an
 * image that failed to pull wait the same way (reasons {@code ErrImagePull}, {@code
 * ImagePullBackOff}).
 */
final class RestartBackoff {
  /** The CamelCase reason an instance carries while it waits to be restarted. */
  static final String REASON = InstanceReasons.CRASH_LOOP_BACK_OFF;

  private final Backoff delays;
  private final Duration resetAfter;
  private final ConcurrentHashMap<String, Planned> planned = new ConcurrentHashMap<>();

  /** A decided restart: the step it is and when it may happen. */
  record Planned(int step, Duration delay, Instant due) {}

  RestartBackoff(Duration initial, Duration max, Duration resetAfter) {
    this.delays = new Backoff(initial, max);
    this.resetAfter = resetAfter;
  }

  /**
   * The next restart of {@code instance}, whose container ran {@code ranFor} and ended at {@code
   * endedAt}. Pure; {@link #remember} it once the decision is written.
   */
  Planned plan(Instance instance, Duration ranFor, Instant endedAt) {
    int step;
    Planned last = planned.get(instance.id());
    if (ranFor.compareTo(resetAfter) >= 0) {
      step = 1;
    } else if (last != null) {
      step = last.step + 1;
    } else {
      step = instance.restartCount() + 1;
    }
    Duration delay = delayOf(step);
    return new Planned(step, delay, endedAt.plus(delay));
  }

  void remember(String instanceId, Planned restart) {
    planned.put(instanceId, restart);
  }

  /**
   * When {@code instance}, waiting in back-off, may be restarted; null when it is not waiting. An
   * agent that restarted meanwhile derives it from the restart count.
   */
  Instant due(Instance instance) {
    boolean waiting = REASON.equals(instance.reason()) || instance.waitsToPullImage();
    if (!waiting || instance.containerId() != null) {
      return null;
    }
    Planned last = planned.get(instance.id());
    if (last != null) {
      return last.due;
    }
    Instant endedAt = instance.finishedAt() != null ? instance.finishedAt() : Instant.EPOCH;
    return endedAt.plus(delayOf(Math.max(1, instance.restartCount())));
  }

  void forget(String instanceId) {
    planned.remove(instanceId);
  }

  private Duration delayOf(int step) {
    return delays.delay(step);
  }
}
