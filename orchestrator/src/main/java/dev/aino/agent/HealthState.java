package dev.aino.agent;

/**
 * What the health checks of one container found so far.
 *
 * @param failuresInARow failed checks since the last pass
 * @param passedOnce true once any check passed
 * @param lastFailure why the latest failed check failed, or empty
 */
record HealthState(int failuresInARow, boolean passedOnce, String lastFailure) {
  static final HealthState UNCHECKED = new HealthState(0, false, "");

  HealthState after(ProbeResult result) {
    if (result.passed()) {
      return new HealthState(0, true, lastFailure);
    }
    return new HealthState(failuresInARow + 1, passedOnce, result.detail());
  }

  /** Ready: it passed, and has not failed since. */
  boolean ready() {
    return passedOnce && failuresInARow == 0;
  }
}
