package dev.aino.runtime;

/**
 * What a command run by {@link ExecCapable#exec} did.
 *
 * @param exitCode its exit code; null when it timed out
 * @param stdout what it wrote to standard output (possibly shortened by the runtime)
 * @param stderr what it wrote to standard error (possibly shortened by the runtime)
 * @param timedOut true when it did not finish within the timeout and was killed
 */
public record ExecResult(Integer exitCode, String stdout, String stderr, boolean timedOut) {
  public ExecResult {
    stdout = stdout == null ? "" : stdout;
    stderr = stderr == null ? "" : stderr;
    if (timedOut == (exitCode != null)) {
      throw new IllegalArgumentException("exitCode must be null exactly when timed out");
    }
  }

  public static ExecResult exited(int exitCode, String stdout, String stderr) {
    return new ExecResult(exitCode, stdout, stderr, false);
  }

  public static ExecResult timedOut(String stdout, String stderr) {
    return new ExecResult(null, stdout, stderr, true);
  }

  /** Finished in time with exit code 0. */
  public boolean succeeded() {
    return !timedOut && exitCode == 0;
  }
}
