package dev.aino.runtime;

import dev.aino.model.Validate;
import java.time.Instant;

/**
 * A container's state at one moment.
 *
 * @param state created, running, exited or not found
 * @param exitCode the process's exit code once exited (128 + signal when killed); null otherwise
 * @param oomKilled true when the kernel killed it for exceeding its memory limit
 * @param signal the signal that ended it, if one did
 * @param startedAt when its process started; null before
 * @param finishedAt when its process ended; null before
 * @param message runtime detail worth showing a person (why not found, what killed it), or empty
 */
public record ContainerStatus(
    ContainerState state,
    Integer exitCode,
    boolean oomKilled,
    Integer signal,
    Instant startedAt,
    Instant finishedAt,
    String message) {

  /** SIGKILL: what stop sends after the grace period, and what the OOM killer sends. */
  public static final int SIGKILL = 9;

  /** SIGTERM: what stop sends first. */
  public static final int SIGTERM = 15;

  public ContainerStatus {
    Validate.required("state", state);
    message = message == null ? "" : message;
    if (state == ContainerState.EXITED) {
      Validate.required("exitCode", exitCode);
      Validate.range("exitCode", exitCode, 0, 255);
      Validate.required("finishedAt", finishedAt);
    } else if (exitCode != null || signal != null || oomKilled) {
      throw new IllegalArgumentException("only an exited container has an exit code or signal");
    }
    if (signal != null) {
      Validate.range("signal", signal, 1, 64);
    }
  }

  public static ContainerStatus created() {
    return new ContainerStatus(ContainerState.CREATED, null, false, null, null, null, "");
  }

  public static ContainerStatus running(Instant startedAt) {
    return new ContainerStatus(ContainerState.RUNNING, null, false, null, startedAt, null, "");
  }

  /** A process that returned from main (or called exit) with {@code exitCode}. */
  public static ContainerStatus exited(int exitCode, Instant startedAt, Instant finishedAt) {
    return new ContainerStatus(
        ContainerState.EXITED, exitCode, false, null, startedAt, finishedAt, "");
  }

  /** A process ended by {@code signal}; its exit code is 128 + signal, as a shell reports it. */
  public static ContainerStatus killed(
      int signal, boolean oomKilled, Instant startedAt, Instant finishedAt) {
    return new ContainerStatus(
        ContainerState.EXITED,
        128 + signal,
        oomKilled,
        signal,
        startedAt,
        finishedAt,
        oomKilled ? "killed for exceeding its memory limit" : "");
  }

  public static ContainerStatus notFound(String message) {
    return new ContainerStatus(ContainerState.NOT_FOUND, null, false, null, null, null, message);
  }

  /** Exited or gone: its process will not run again. */
  public boolean hasEnded() {
    return state == ContainerState.EXITED || state == ContainerState.NOT_FOUND;
  }

  /** Ended other than by exit code 0: non-zero exit, a signal, the OOM killer, or vanished. */
  public boolean failed() {
    return state == ContainerState.NOT_FOUND
        || (state == ContainerState.EXITED && (exitCode != 0 || signal != null || oomKilled));
  }

  /** How it ended, for messages: {@code exit code 3}, {@code OOM-killed (exit code 137)}. */
  public String describeEnd() {
    switch (state) {
      case NOT_FOUND:
        return "container vanished" + (message.isEmpty() ? "" : ": " + message);
      case EXITED:
        if (oomKilled) {
          return "OOM-killed (exit code " + exitCode + ")";
        }
        if (signal != null) {
          return "killed by signal " + signal + " (exit code " + exitCode + ")";
        }
        return "exit code " + exitCode;
      default:
        return state.name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
