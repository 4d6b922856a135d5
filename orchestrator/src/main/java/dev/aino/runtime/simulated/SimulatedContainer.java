package dev.aino.runtime.simulated;

import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.ContainerState;
import dev.aino.runtime.ContainerStatus;
import dev.aino.runtime.ExitListeners;
import dev.aino.runtime.LogLine;
import dev.aino.runtime.ResourceUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulated container. Its life is a function of the clock: created until {@code startedAt},
 * then running until its program or an injected crash ends it, unless something from outside (stop,
 * crash, OOM kill) ended it first. No timer runs for it, so it costs a few fields, unless someone
 * listens for its exit and its program ends by itself: then one timer task waits for that end.
 */
final class SimulatedContainer {
  private final ContainerHandle handle;
  private final SimulatedProgram program;
  private final Instant startedAt;
  private final Instant crashAt;
  private final int crashExitCode;
  private final long memoryLimitBytes;
  private ContainerStatus ended;
  private final ExitListeners exitListeners;
  private boolean endAwaited;
  private boolean destroyed;
  private final long cpuMillis;
  private final long memoryBytes;

  /**
   * Set by {@link #setUsage}: from {@code overriddenAt} on, the usage no longer follows the
   * program.
   */
  private Instant overriddenAt;

  private long overrideCpuMillis;
  private long overrideMemoryBytes;
  private long cpuNanosAtOverride;

  SimulatedContainer(
      ContainerHandle handle,
      SimulatedProgram program,
      Instant startedAt,
      Duration crashAfter,
      int crashExitCode,
      long cpuMillis,
      long memoryBytes,
      long memoryLimitBytes) {
    this.handle = handle;
    this.program = program;
    this.startedAt = startedAt;
    this.crashAt = crashAfter == null ? null : startedAt.plus(crashAfter);
    this.crashExitCode = crashExitCode;
    this.cpuMillis = cpuMillis;
    this.memoryBytes = memoryBytes;
    this.memoryLimitBytes = memoryLimitBytes;
    this.exitListeners = new ExitListeners(handle);
  }

  ExitListeners exitListeners() {
    return exitListeners;
  }

  /** True the first time only: whoever gets it schedules the wait for the natural end. */
  synchronized boolean claimEndWait() {
    if (endAwaited) {
      return false;
    }
    endAwaited = true;
    return true;
  }

  /** When its program (or an injected crash) ends it by itself; null when it runs forever. */
  Instant naturalEndAt() {
    ContainerStatus natural = naturalEnd();
    return natural == null ? null : natural.finishedAt();
  }

  ContainerHandle handle() {
    return handle;
  }

  SimulatedProgram program() {
    return program;
  }

  synchronized ContainerStatus status(Instant now) {
    if (destroyed) {
      return ContainerStatus.notFound("container " + handle.containerId() + " was destroyed");
    }
    if (ended != null) {
      return ended;
    }
    if (now.isBefore(startedAt)) {
      return ContainerStatus.created();
    }
    ContainerStatus natural = naturalEnd();
    if (natural != null && !now.isBefore(natural.finishedAt())) {
      ended = natural; // freeze it, so later reads agree even if the clock is moved back
      return ended;
    }
    return ContainerStatus.running(startedAt);
  }

  /**
   * Ends the container from outside with {@code status} unless it already ended. Returns the status
   * it has afterwards.
   */
  synchronized ContainerStatus endIfAlive(Instant now, ContainerStatus status) {
    ContainerStatus current = status(now);
    if (!current.hasEnded()) {
      ended = status;
    }
    return status(now);
  }

  synchronized void destroy() {
    destroyed = true;
  }

  synchronized boolean isDestroyed() {
    return destroyed;
  }

  /** When it started running, or will; a created container has not reached this yet. */
  Instant startedAt() {
    return startedAt;
  }

  /** The lines it printed up to {@code now}, oldest first. */
  List<LogLine> lines(Instant now) {
    ContainerStatus status = status(now);
    if (status.state() == ContainerState.CREATED || status.state() == ContainerState.NOT_FOUND) {
      return List.of();
    }
    Instant until = status.finishedAt() != null ? status.finishedAt() : now;
    List<LogLine> lines = new ArrayList<>(program.outputs().size());
    for (SimulatedProgram.Output out : program.outputs()) {
      Instant at = startedAt.plus(out.at());
      if (at.isAfter(until)) {
        break;
      }
      lines.add(new LogLine(at, out.stream(), out.text()));
    }
    return lines;
  }

  /**
   * From {@code now} on, the container uses {@code cpuMillis} and {@code memoryBytes}, whatever its
   * program declares; the CPU time it used so far is kept.
   */
  synchronized void setUsage(Instant now, long cpuMillis, long memoryBytes) {
    this.cpuNanosAtOverride = cpuNanos(now);
    this.overriddenAt = now;
    this.overrideCpuMillis = cpuMillis;
    this.overrideMemoryBytes = memoryBytes;
  }

  synchronized ResourceUsage usage(Instant now) {
    ContainerStatus status = status(now);
    boolean running = status.state() == ContainerState.RUNNING;
    return new ResourceUsage(
        now,
        Duration.ofNanos(cpuNanos(now)),
        running ? memoryAt(now) : 0,
        memoryLimitBytes,
        running ? 1 : 0);
  }

  /**
   * CPU time used from the start until {@code now} (or the end): the integral of the program's load
   * steps, then of the override.
   */
  private long cpuNanos(Instant now) {
    ContainerStatus status = status(now);
    if (status.startedAt() == null) {
      return 0;
    }
    Instant until = status.finishedAt() != null ? status.finishedAt() : now;
    if (overriddenAt != null && !until.isBefore(overriddenAt)) {
      return cpuNanosAtOverride + nanos(overriddenAt, until) / 1000 * overrideCpuMillis;
    }
    long total = 0;
    Instant from = startedAt;
    long rate = cpuMillis;
    for (SimulatedProgram.Load load : program.loads()) {
      Instant at = startedAt.plus(load.at());
      if (!at.isBefore(until)) {
        break;
      }
      total += nanos(from, at) / 1000 * rate;
      from = at;
      rate = load.cpuMillis() != null ? load.cpuMillis() : rate;
    }
    return total + nanos(from, until) / 1000 * rate;
  }

  private long memoryAt(Instant now) {
    if (overriddenAt != null && !now.isBefore(overriddenAt)) {
      return overrideMemoryBytes;
    }
    long memory = memoryBytes;
    for (SimulatedProgram.Load load : program.loads()) {
      if (startedAt.plus(load.at()).isAfter(now)) {
        break;
      }
      memory = load.memoryBytes() != null ? load.memoryBytes() : memory;
    }
    return memory;
  }

  private static long nanos(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).toNanos());
  }

  /** How the program ends on its own, or by an injected crash, whichever comes first. */
  private ContainerStatus naturalEnd() {
    Instant exitAt = program.runsForever() ? null : startedAt.plus(program.runsFor());
    if (crashAt != null && (exitAt == null || crashAt.isBefore(exitAt))) {
      return ContainerStatus.exited(crashExitCode, startedAt, crashAt);
    }
    return exitAt == null ? null : ContainerStatus.exited(program.exitCode(), startedAt, exitAt);
  }
}
