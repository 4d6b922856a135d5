package dev.aino.runtime;

import java.time.Duration;
import java.util.List;

/**
 * A runtime that can run a command inside a running container, used by {@code COMMAND} health
 * checks. Optional: a runtime without it cannot serve such checks, and the agent says so.
 */
public interface ExecCapable {
  /**
   * Runs {@code argv} inside the container and waits for it, at most {@code timeout}.
   *
   * @return the exit code and output, or a timed-out result
   * @throws dev.aino.error.RuntimeFailureException when the container is not running or the command
   *     cannot be started
   */
  ExecResult exec(ContainerHandle handle, List<String> argv, Duration timeout);
}
