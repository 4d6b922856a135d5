package dev.aino.runtime.simulated;

import dev.aino.runtime.LogStream;
import java.time.Duration;
import java.util.List;

/**
 * What a simulated container does, read from its command line by {@link ProgramParser}: the lines
 * it prints and when, and whether and how it ends.
 *
 * @param outputs lines it prints, by offset from its start
 * @param runsFor how long it runs before exiting on its own; null when it runs until stopped
 * @param exitCode its exit code when it exits on its own
 * @param ignoresSigterm true when it ignores SIGTERM, so only SIGKILL stops it
 */
record SimulatedProgram(
    List<Output> outputs, Duration runsFor, int exitCode, boolean ignoresSigterm) {

  /** A line printed {@code at} after the start. */
  record Output(Duration at, LogStream stream, String text) {}

  SimulatedProgram {
    outputs = List.copyOf(outputs);
  }

  /** Runs until stopped and prints nothing: what an unrecognised command does. */
  static SimulatedProgram forever() {
    return new SimulatedProgram(List.of(), null, 0, false);
  }

  boolean runsForever() {
    return runsFor == null;
  }
}
