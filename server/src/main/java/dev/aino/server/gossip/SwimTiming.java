package dev.aino.server.gossip;

import dev.aino.error.ValidationException;
import dev.aino.model.Validate;
import java.time.Duration;

/**
 * How often a SWIM member probes another and how long it waits: a probe every {@code pingInterval},
 * answered within {@code pingTimeout} or asked of others, and a member that stays unanswered is
 * removed after {@code suspicionMult} x ceil(log2(members)) x {@code pingInterval} (scalecube's
 * suspicion timeout).
 *
 * <p>{@link #AINO_UP} is what servers and agents use: one member per host answers a probe on
 * loopback or a LAN in well under its 300 ms timeout. Many members in one process share its CPUs,
 * so a probe waits for a scheduler thread as well as the network; the benchmark measures such a
 * group with a longer timeout as well ({@code bench swim --ping-interval-ms --ping-timeout-ms}).
 */
public record SwimTiming(Duration pingInterval, Duration pingTimeout, int suspicionMult) {
  /** The timing of {@code aino up} and {@code aino agent}. */
  public static final SwimTiming AINO_UP =
      new SwimTiming(Duration.ofMillis(400), Duration.ofMillis(300), 3);

  /**
   * @throws ValidationException when a duration is not 1 ms to 1 min, the timeout is not shorter
   *     than the interval, or the multiplier is not between 1 and 100
   */
  public SwimTiming {
    Validate.range(
        "pingInterval", Validate.required("pingInterval", pingInterval).toMillis(), 1, 60_000);
    Validate.range(
        "pingTimeout", Validate.required("pingTimeout", pingTimeout).toMillis(), 1, 60_000);
    if (pingTimeout.compareTo(pingInterval) >= 0) {
      throw new ValidationException(
          "pingTimeout",
          "must be shorter than pingInterval ("
              + pingInterval.toMillis()
              + " ms), got "
              + pingTimeout.toMillis()
              + " ms");
    }
    Validate.range("suspicionMult", suspicionMult, 1, 100);
  }
}
