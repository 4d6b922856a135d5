package dev.aino.work;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short task once after a delay. The work queue takes this instead of a {@link
 * ScheduledExecutorService} so that a test can drive its delays and back-off with a clock it moves,
 * instead of sleeping.
 */
@FunctionalInterface
public interface DelayTimer {
  /** Runs {@code task} once {@code delay} has passed; never runs it when the timer has stopped. */
  void schedule(Runnable task, Duration delay);

  /**
   * A timer on {@code executor}. Once the executor is shut down, tasks are dropped: whoever shut it
   * down is stopping the queue, and a key's next sync happens when its owner starts again.
   */
  static DelayTimer on(ScheduledExecutorService executor) {
    Objects.requireNonNull(executor, "executor");
    return (task, delay) -> {
      try {
        executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException stopping) {
        // Shutting down: see above.
      }
    };
  }
}
