package dev.aino.runtime.process;

import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.ContainerStatus;
import dev.aino.runtime.ResourceUsage;
import dev.aino.runtime.host.ContainerLogFiles;
import dev.aino.runtime.host.ExitRecord;
import dev.aino.runtime.host.JsonFiles;
import dev.aino.runtime.host.ProcStat;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One workload process of the process driver. Started by this driver, it is a Java child whose exit
 * code {@link #finish} records (to {@code exit.json}); adopted after an agent restart, it is
 * recognised by pid and start time and its exit code, which only its parent could learn, is
 * reported as unknown ({@code ExitedWhileAgentDown} or {@code ExitCodeUnknown}), never invented.
 */
final class HostProcess {
  private static final Logger LOG = LoggerFactory.getLogger(HostProcess.class);

  final ContainerHandle handle;
  final ProcessRecord record;
  final ContainerLogFiles logs;
  private final ProcessTree tree;
  private final Path exitFile;
  private final Clock clock;
  private final Process process;
  private final boolean adoptedRunning;
  private volatile boolean recording = true;
  private volatile Duration lastCpu = Duration.ZERO;
  private ExitRecord exit;
  private String unknownEnd;
  private boolean destroyed;

  private HostProcess(
      ContainerHandle handle,
      ProcessRecord record,
      ContainerLogFiles logs,
      Path exitFile,
      Clock clock,
      Process process,
      boolean adoptedRunning) {
    this.handle = handle;
    this.record = record;
    this.logs = logs;
    this.exitFile = exitFile;
    this.clock = clock;
    this.process = process;
    this.adoptedRunning = adoptedRunning;
    ProcessHandle root =
        process != null
            ? process.toHandle()
            : ProcStat.isAlive(record.pid(), record.startTicks())
                ? ProcessHandle.of(record.pid()).orElse(null)
                : null;
    this.tree = root == null ? null : new ProcessTree(root);
  }

  static HostProcess started(
      ContainerHandle handle,
      ProcessRecord record,
      ContainerLogFiles logs,
      Path exitFile,
      Clock clock,
      Process process) {
    return new HostProcess(handle, record, logs, exitFile, clock, process, false);
  }

  /** A process found still running after an agent restart. */
  static HostProcess adoptedRunning(
      ContainerHandle handle,
      ProcessRecord record,
      ContainerLogFiles logs,
      Path exitFile,
      Clock clock) {
    return new HostProcess(handle, record, logs, exitFile, clock, null, true);
  }

  /** A process found ended after an agent restart, with its recorded exit if there is one. */
  static HostProcess adoptedEnded(
      ContainerHandle handle,
      ProcessRecord record,
      ContainerLogFiles logs,
      Path exitFile,
      Clock clock,
      ExitRecord exit) {
    HostProcess ended = new HostProcess(handle, record, logs, exitFile, clock, null, false);
    ended.exit = exit;
    if (exit == null) {
      ended.unknownEnd =
          ended.unknownEndMessage("it ended while no agent was running to see its exit code");
    }
    logs.end();
    return ended;
  }

  synchronized ContainerStatus status() {
    if (exit != null) {
      return exit.toStatus();
    }
    if (unknownEnd != null) {
      return ContainerStatus.notFound(unknownEnd);
    }
    if (process != null) {
      if (process.isAlive()) {
        return ContainerStatus.running(record.startedAt());
      }
      finish();
      return exit.toStatus();
    }
    if (ProcStat.isAlive(record.pid(), record.startTicks())) {
      return ContainerStatus.running(record.startedAt());
    }
    unknownEnd =
        unknownEndMessage(
            "it was adopted after an agent restart and has ended since; only the agent that"
                + " started a process learns its exit code");
    logs.end();
    return ContainerStatus.notFound(unknownEnd);
  }

  /** True while the process runs; lock-free, the log collector asks every poll. */
  boolean isRunning() {
    return process != null
        ? process.isAlive()
        : ProcStat.isAlive(record.pid(), record.startTicks());
  }

  /** Records the exit of a process this driver started; idempotent. */
  synchronized void finish() {
    if (exit != null || process == null || process.isAlive()) {
      return;
    }
    exit = new ExitRecord(process.exitValue(), false, record.startedAt(), clock.instant());
    if (recording && !destroyed) {
      try {
        JsonFiles.write(exitFile, exit);
      } catch (RuntimeException e) {
        LOG.warn("could not record how {} ended: {}", handle, e.getMessage());
      }
    }
    logs.end();
  }

  /** Waits up to {@code timeout} for the process to end; then kills descendants it left behind. */
  boolean awaitEnd(Duration timeout) throws InterruptedException {
    if (process != null) {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return false;
      }
      finish();
    } else {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (isRunning()) {
        if (System.nanoTime() > deadline) {
          return false;
        }
        Thread.sleep(10);
      }
      status();
    }
    if (tree != null) {
      tree.killLeftovers();
    }
    return true;
  }

  /** SIGTERM to the process (not its descendants, whose stopping is its own job). */
  void terminate() {
    if (tree != null) {
      tree.terminate();
    }
  }

  /** SIGKILL to the process and every descendant seen. */
  void kill() {
    if (tree != null) {
      tree.kill();
    }
  }

  /**
   * Remembers the process's current descendants, at most once a second (see {@link ProcessTree}).
   */
  void lookAtDescendants() {
    if (tree != null && isRunning()) {
      tree.lookNowAndThen();
    }
  }

  /** Resource use now; an ended process uses nothing but keeps its last CPU time. */
  ResourceUsage usage() {
    Instant now = clock.instant();
    if (tree == null || !isRunning()) {
      return new ResourceUsage(now, lastCpu, 0, 0, 0);
    }
    ResourceUsage usage = tree.usage(now);
    lastCpu = usage.cpuTime();
    return usage;
  }

  /** Destroying it failed: it may be destroyed again. */
  synchronized void destroyFailed() {
    destroyed = false;
  }

  /** Marks the process as being destroyed; false when it already was. */
  synchronized boolean markDestroyed() {
    if (destroyed) {
      return false;
    }
    destroyed = true;
    return true;
  }

  /** The driver was closed: stop writing records, as a stopped agent would. */
  void stopRecording() {
    recording = false;
  }

  private String unknownEndMessage(String why) {
    return (adoptedRunning ? "ExitCodeUnknown" : "ExitedWhileAgentDown")
        + ": process "
        + record.pid()
        + " of container "
        + handle.containerId()
        + " has ended, but its exit code is unknown: "
        + why;
  }
}
