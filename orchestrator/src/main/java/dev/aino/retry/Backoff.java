package dev.aino.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential back-off: the first attempt waits {@code initial}, each further attempt doubles the
 * wait, and no wait exceeds {@code max}. Pure and immutable; callers keep their own attempt counts,
 * because what counts as "in a row" differs (failures of one key, restarts of one instance,
 * deliveries of one notification).
 *
 * @param initial the wait before the first retry; positive
 * @param max the longest wait; at least {@code initial}
 */
public record Backoff(Duration initial, Duration max) {
  /** Doublings past this exceed any representable cap, so the loop below stops there. */
  private static final int MAX_DOUBLINGS = 62;

  public Backoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial must be positive, got " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("max " + max + " is shorter than initial " + initial);
    }
  }

  /**
   * The wait before attempt number {@code attempt} (1 for the first retry): {@code initial ×
   * 2^(attempt - 1)}, at most {@link #max}. Never overflows, whatever the attempt.
   *
   * @throws IllegalArgumentException when {@code attempt} is below 1
   */
  public Duration delay(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, got " + attempt);
    }
    long cap = max.toNanos();
    long nanos = initial.toNanos();
    for (int i = 1; i < attempt && i <= MAX_DOUBLINGS && nanos < cap; i++) {
      nanos = nanos > cap / 2 ? cap : nanos * 2;
    }
    return Duration.ofNanos(Math.min(nanos, cap));
  }
}
