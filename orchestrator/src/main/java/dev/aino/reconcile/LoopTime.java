package dev.aino.reconcile;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The control loop's sense of time: when its ticker wakes, how long its scheduling thread waits for
 * a signal, and how long a pass took. The {@link Controller} takes this instead of calling the
 * system directly so that a test can move time itself and see the resync, the node lifecycle pass
 * and the scheduler's wake-ups happen, or not, without sleeping ({@link #SYSTEM} in production).
 */
interface LoopTime {
  /** The system's monotonic time, {@link Thread#sleep} and {@link Object#wait}. */
  LoopTime SYSTEM =
      new LoopTime() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
          TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        }

        @Override
        public void await(Object monitor, Duration timeout) throws InterruptedException {
          // Not monitor.wait(timeout.toMillis()): below a millisecond that is 0, which waits
          // forever.
          TimeUnit.NANOSECONDS.timedWait(monitor, timeout.toNanos());
        }
      };

  /** A monotonic time in nanoseconds, for intervals only (as {@link System#nanoTime()}). */
  long nanoTime();

  /** Returns once {@code duration} has passed. */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * With {@code monitor}'s lock held, waits until another thread notifies it or {@code timeout} has
   * passed, whichever comes first.
   */
  void await(Object monitor, Duration timeout) throws InterruptedException;
}
