package dev.aino.a2a;

import java.time.Duration;

/**
 * How the agent behaves.
 *
 * @param version aino's version, for the agent card
 * @param retention how long a finished task stays readable
 * @param maxTasksPerContext the most tasks one context may hold
 * @param followTimeout how long a change is followed before its task fails saying so
 * @param stuckAfter how long a workload may stay degraded or pending (an image that cannot be
 *     pulled, replicas no node fits) before its task fails with the reason
 * @param pollInterval how often a followed workload is read
 * @param blockingWait how long a blocking send waits for its task to finish or ask
 * @param push where push notifications may go and how they are retried
 */
public record A2aSettings(
    String version,
    Duration retention,
    int maxTasksPerContext,
    Duration followTimeout,
    Duration stuckAfter,
    Duration pollInterval,
    Duration blockingWait,
    PushSettings push) {

  public A2aSettings {
    if (push == null) {
      throw new IllegalArgumentException("push is required (PushSettings.none() for none)");
    }
    if (version == null || version.isBlank()) {
      throw new IllegalArgumentException("version is required");
    }
    positive("retention", retention);
    positive("followTimeout", followTimeout);
    positive("stuckAfter", stuckAfter);
    positive("pollInterval", pollInterval);
    positive("blockingWait", blockingWait);
    if (maxTasksPerContext < 1) {
      throw new IllegalArgumentException("maxTasksPerContext must be > 0");
    }
  }

  /** Settings that send no push notifications. */
  public A2aSettings(
      String version,
      Duration retention,
      int maxTasksPerContext,
      Duration followTimeout,
      Duration stuckAfter,
      Duration pollInterval,
      Duration blockingWait) {
    this(
        version,
        retention,
        maxTasksPerContext,
        followTimeout,
        stuckAfter,
        pollInterval,
        blockingWait,
        PushSettings.none());
  }

  /**
   * Tasks kept 24 h, 1,000 per context; a change followed for up to 5 minutes, failed after 30 s
   * stuck; read every 200 ms; a blocking send waits up to 60 s; no push notifications.
   */
  public static A2aSettings defaults(String version) {
    return new A2aSettings(
        version,
        Duration.ofHours(24),
        1000,
        Duration.ofMinutes(5),
        Duration.ofSeconds(30),
        Duration.ofMillis(200),
        Duration.ofSeconds(60));
  }

  /** These settings with finished tasks kept for {@code retention}. */
  public A2aSettings withRetention(Duration retention) {
    return new A2aSettings(
        version,
        retention,
        maxTasksPerContext,
        followTimeout,
        stuckAfter,
        pollInterval,
        blockingWait,
        push);
  }

  /** These settings with push notifications sent as {@code push} says. */
  public A2aSettings withPush(PushSettings push) {
    return new A2aSettings(
        version,
        retention,
        maxTasksPerContext,
        followTimeout,
        stuckAfter,
        pollInterval,
        blockingWait,
        push);
  }

  private static void positive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
