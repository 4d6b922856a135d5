package dev.aino.runtime.host;

import dev.aino.model.Validate;
import dev.aino.runtime.ContainerStatus;
import java.time.Instant;

/**
 * How a container's process ended, as its parent saw it; persisted next to the container so a
 * restarted agent still knows.
 *
 * <p>The exit code is what a shell reports: a process killed by signal N yields 128 + N. Both host
 * drivers learn only that number (runc folds the signal into its own exit code, and Java does the
 * same for a child), so a code from 129 to 192 is read as "killed by signal code - 128", exactly as
 * a shell's {@code $?} would be; a program that calls {@code exit(143)} looks like SIGTERM.
 *
 * @param exitCode the exit code, 0 to 255
 * @param oomKilled true when the kernel's OOM killer ended it
 * @param startedAt when its process started
 * @param finishedAt when its end was observed
 */
public record ExitRecord(int exitCode, boolean oomKilled, Instant startedAt, Instant finishedAt) {
  private static final int SIGNAL_BASE = 128;
  private static final int MAX_SIGNAL = 64;

  public ExitRecord {
    Validate.range("exitCode", exitCode, 0, 255);
    Validate.required("finishedAt", finishedAt);
  }

  /** The signal that ended the process, or null when it exited by itself. */
  public Integer signal() {
    int signal = exitCode - SIGNAL_BASE;
    return signal >= 1 && signal <= MAX_SIGNAL ? signal : null;
  }

  public ContainerStatus toStatus() {
    Integer signal = oomKilled ? Integer.valueOf(ContainerStatus.SIGKILL) : signal();
    if (signal == null) {
      return ContainerStatus.exited(exitCode, startedAt, finishedAt);
    }
    return ContainerStatus.killed(signal, oomKilled, startedAt, finishedAt);
  }
}
