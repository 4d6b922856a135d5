package dev.aino.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for something that happens on another thread: polls until a condition holds or a deadline
 * passes, then fails with a message saying what did not happen and what was last seen. Never a
 * fixed sleep as an assertion.
 */
public final class Await {
  /** Generous, because a loaded CI machine is slow; a passing test returns long before. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

  private static final long POLL_MILLIS = 5;

  private Await() {}

  public static void until(String what, BooleanSupplier condition) {
    until(what, DEFAULT_TIMEOUT, condition);
  }

  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    value(what, timeout, () -> condition.getAsBoolean() ? Boolean.TRUE : null, () -> "");
  }

  /**
   * Polls {@code probe} until it returns non-null and returns that; {@code lastSeen} describes the
   * state for the failure message.
   */
  public static <T> T value(
      String what, Duration timeout, Supplier<T> probe, Supplier<Object> lastSeen) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after "
                + timeout.toMillis()
                + " ms waiting for "
                + what
                + lastSeen(lastSeen));
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }

  /** Polls until {@code probe} returns non-null, with the default timeout. */
  public static <T> T value(String what, Supplier<T> probe) {
    return value(what, DEFAULT_TIMEOUT, probe, () -> "");
  }

  private static String lastSeen(Supplier<Object> lastSeen) {
    Object seen = lastSeen.get();
    String text = String.valueOf(seen);
    return text.isEmpty() ? "" : "; last seen: " + text;
  }
}
