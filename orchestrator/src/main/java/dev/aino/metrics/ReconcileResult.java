package dev.aino.metrics;

/** How one reconcile ended: the {@code result} label of the reconcile duration. */
public enum ReconcileResult {
  /** The plan was applied, or nothing needed doing. */
  SUCCESS,
  /** It failed and was queued again after a backoff (a lost race, an unavailable store). */
  RETRY,
  /** It failed in a way a retry cannot fix (invalid spec, a bug) and was dropped. */
  ERROR;

  /** The label value, e.g. {@code success}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
