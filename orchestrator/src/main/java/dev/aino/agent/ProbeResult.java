package dev.aino.agent;

/**
 * The outcome of one health check.
 *
 * @param passed true when the check passed
 * @param detail what was checked and, on failure, why it failed
 */
record ProbeResult(boolean passed, String detail) {
  static ProbeResult pass(String detail) {
    return new ProbeResult(true, detail);
  }

  static ProbeResult fail(String detail) {
    return new ProbeResult(false, detail);
  }
}
