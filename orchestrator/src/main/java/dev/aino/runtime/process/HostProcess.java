package dev.aino.runtime.process;

import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.ContainerStatus;
import dev.aino.runtime.ResourceUsage;
import dev.aino.runtime.host.ContainerLogFiles;
import dev.aino.runtime.host.ExitRecord;
import dev.aino.runtime.host.HostContainer;
import dev.aino.runtime.host.ProcStat;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One workload process of the process driver. Started by this driver, it is a Java child whose exit
 * code is recorded to {@code exit.json}; adopted after an agent restart, it is recognised by pid
 * and start time (see {@link HostContainer} for what is then known of its end). Its descendants are
 * tracked so that stopping it leaves none behind.
 */
final class HostProcess extends HostContainer {
  final ProcessRecord record;
  private final ProcessTree tree;
  private final Path exitFile;
  private volatile Duration lastCpu = Duration.ZERO;

  private HostProcess(
      ContainerHandle handle,
      ProcessRecord record,
      ContainerLogFiles logs,
      Path exitFile,
      Clock clock,
      Process process,
      boolean adoptedRunning) {
    super(handle, logs, clock, process, adoptedRunning);
    this.record = record;
    this.exitFile = exitFile;
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
    ended.endedBeforeAdoption(exit, "it ended while no agent was running to see its exit code");
    return ended;
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
    Instant now = clock().instant();
    if (tree == null || !isRunning()) {
      return new ResourceUsage(now, lastCpu, 0, 0, 0);
    }
    ResourceUsage usage = tree.usage(now);
    lastCpu = usage.cpuTime();
    return usage;
  }

  @Override
  protected ContainerStatus liveStatus() {
    return ContainerStatus.running(record.startedAt());
  }

  @Override
  protected boolean aliveWithoutParent() {
    return ProcStat.isAlive(record.pid(), record.startTicks());
  }

  @Override
  protected ExitRecord exitRecord(int exitCode) {
    return new ExitRecord(exitCode, false, record.startedAt(), clock().instant());
  }

  @Override
  protected Path exitFile() {
    return exitFile;
  }

  @Override
  protected String kind() {
    return "process";
  }

  @Override
  protected String subject() {
    return "process " + record.pid() + " of container " + handle().containerId();
  }

  /** Kills the descendants the process left behind. */
  @Override
  protected void ended() {
    if (tree != null) {
      tree.killLeftovers();
    }
  }
}
