package dev.aino.runtime.host;

import dev.aino.error.RuntimeFailureException;
import dev.aino.runtime.ContainerStatus;
import java.time.Duration;

/** The stop sequence of every host driver: SIGTERM, up to the grace period, then SIGKILL. */
public final class GracefulStop {
  /** How long a SIGKILLed container may take to be reaped before stop gives up. */
  public static final Duration KILL_WAIT = Duration.ofSeconds(10);

  private GracefulStop() {}

  /** What the sequence acts on: one container's process (or process tree). */
  public interface Target {
    /** True once its process has ended and the driver has recorded how. */
    boolean hasEnded();

    /** Sends {@code signal} (a number) to it; a process that is already gone is not an error. */
    void signal(int signal);

    /** Waits up to {@code timeout} for it to end; true when it did. */
    boolean awaitEnd(Duration timeout) throws InterruptedException;
  }

  /**
   * Stops {@code target}, described as {@code what} in failures.
   *
   * @throws RuntimeFailureException when it survives SIGKILL for {@link #KILL_WAIT}, or the wait is
   *     interrupted
   */
  public static void stop(Target target, Duration grace, String what) {
    if (target.hasEnded()) {
      return;
    }
    try {
      target.signal(ContainerStatus.SIGTERM);
      if (target.awaitEnd(grace)) {
        return;
      }
      target.signal(ContainerStatus.SIGKILL);
      if (!target.awaitEnd(KILL_WAIT)) {
        throw new RuntimeFailureException(
            "stopping "
                + what
                + ": still running "
                + KILL_WAIT.toSeconds()
                + " s after SIGKILL (a process stuck in the kernel?)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeFailureException("stopping " + what + ": interrupted", e);
    }
  }
}
