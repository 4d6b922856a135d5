package dev.aino.metrics;

/**
 * What became of one attempt to deliver an A2A push notification: the {@code result} label of push
 * notifications. A notification that is retried counts once per failed attempt, then once as
 * delivered or given up.
 */
public enum PushResult {
  /** The receiver answered 2xx. */
  DELIVERED,
  /** The attempt failed in a way worth trying again (no answer, 5xx, 408, 429); it will be. */
  RETRIED,
  /**
   * No more attempts: the last one failed, the receiver refused it (another 4xx, a redirect, which
   * is never followed) or its host is no longer allowed.
   */
  GAVE_UP;

  /** The label value, e.g. {@code gave_up}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
