package dev.aino.runtime.simulated;

import dev.aino.runtime.LogStream;
import java.time.Duration;
import java.util.List;

/**
 * What a simulated container does, read from its command line by {@link ProgramParser}: the lines
 * it prints and when, the load it puts on its CPU and memory and when, and whether and how it ends.
 *
 * @param outputs lines it prints, by offset from its start
 * @param loads changes of the CPU and memory it uses, by offset from its start, in order
 * @param runsFor how long it runs before exiting on its own; null when it runs until stopped
 * @param exitCode its exit code when it exits on its own
 * @param ignoresSigterm true when it ignores SIGTERM, so only SIGKILL stops it
 */
record SimulatedProgram(
    List<Output> outputs,
    List<Load> loads,
    Duration runsFor,
    int exitCode,
    boolean ignoresSigterm) {

  /** A line printed {@code at} after the start. */
  record Output(Duration at, LogStream stream, String text) {}

  /**
   * From {@code at} after the start on, the program uses {@code cpuMillis} of CPU and {@code
   * memoryBytes} of memory; a null keeps what it used before.
   */
  record Load(Duration at, Long cpuMillis, Long memoryBytes) {}

  SimulatedProgram {
    outputs = List.copyOf(outputs);
    loads = List.copyOf(loads);
  }

  /** Runs until stopped and prints nothing: what an unrecognised command does. */
  static SimulatedProgram forever() {
    return new SimulatedProgram(List.of(), List.of(), null, 0, false);
  }

  boolean runsForever() {
    return runsFor == null;
  }
}
