package dev.aino.runtime.oci;

import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.ContainerStatus;
import dev.aino.runtime.host.ContainerLogFiles;
import dev.aino.runtime.host.ExitRecord;
import dev.aino.runtime.host.JsonFiles;
import dev.aino.runtime.host.ProcStat;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the OCI driver knows about one container, and where its status comes from.
 *
 * <p>A container this driver started has its {@code runc run} process as a Java child: it runs as
 * long as the container does and exits with the container's exit code, which {@link #finish}
 * records (to {@code exit.json}, so it outlives the agent). A container adopted after an agent
 * restart has no such parent: its liveness comes from its init's pid and start time, and when it
 * ends its exit code is lost, since only a process's parent learns it. It then reads as {@link
 * dev.aino.runtime.ContainerState#NOT_FOUND} with a message starting {@code ExitedWhileAgentDown}
 * (it had already ended when adopted) or {@code ExitCodeUnknown} (it ended after adoption), rather
 * than with an invented code.
 */
final class OciContainer {
  private static final Logger LOG = LoggerFactory.getLogger(OciContainer.class);
  private static final int SIGKILL_EXIT = 128 + ContainerStatus.SIGKILL;

  final ContainerHandle handle;
  final Bundle bundle;
  final ContainerCgroup cgroup;
  final ContainerLogFiles logs;
  private final Clock clock;
  private final Process runc;
  private final boolean adoptedRunning;
  private volatile InitRecord init;
  private volatile boolean recording = true;
  private ExitRecord exit;
  private String unknownEnd;
  private boolean destroyed;

  private OciContainer(
      ContainerHandle handle,
      Bundle bundle,
      ContainerCgroup cgroup,
      ContainerLogFiles logs,
      Clock clock,
      Process runc,
      InitRecord init,
      boolean adoptedRunning) {
    this.handle = handle;
    this.bundle = bundle;
    this.cgroup = cgroup;
    this.logs = logs;
    this.clock = clock;
    this.runc = runc;
    this.init = init;
    this.adoptedRunning = adoptedRunning;
  }

  /** A container whose {@code runc run} process this driver just started. */
  static OciContainer started(
      ContainerHandle handle,
      Bundle bundle,
      ContainerCgroup cgroup,
      ContainerLogFiles logs,
      Clock clock,
      Process runc) {
    return new OciContainer(handle, bundle, cgroup, logs, clock, runc, null, false);
  }

  /** A container found running after an agent restart, its init being {@code init}. */
  static OciContainer adoptedRunning(
      ContainerHandle handle,
      Bundle bundle,
      ContainerCgroup cgroup,
      ContainerLogFiles logs,
      Clock clock,
      InitRecord init) {
    return new OciContainer(handle, bundle, cgroup, logs, clock, null, init, true);
  }

  /**
   * A container found ended after an agent restart: {@code exit} when the agent that started it
   * recorded how, else its exit code is unknown for {@code why}.
   */
  static OciContainer adoptedEnded(
      ContainerHandle handle,
      Bundle bundle,
      ContainerCgroup cgroup,
      ContainerLogFiles logs,
      Clock clock,
      InitRecord init,
      ExitRecord exit,
      String why) {
    OciContainer container =
        new OciContainer(handle, bundle, cgroup, logs, clock, null, init, false);
    container.exit = exit;
    container.unknownEnd = exit == null ? container.unknownEndMessage(why) : null;
    logs.end();
    return container;
  }

  /** The container's state now. Cheap: no OCI runtime command, a few /proc reads at most. */
  synchronized ContainerStatus status() {
    if (exit != null) {
      return exit.toStatus();
    }
    if (unknownEnd != null) {
      return ContainerStatus.notFound(unknownEnd);
    }
    if (runc != null) {
      if (runc.isAlive()) {
        observeInit();
        return init == null ? ContainerStatus.created() : ContainerStatus.running(init.startedAt());
      }
      finish();
      return exit.toStatus();
    }
    if (initAlive()) {
      return ContainerStatus.running(init.startedAt());
    }
    unknownEnd =
        unknownEndMessage(
            "it was adopted after an agent restart and has ended since; only the agent that"
                + " started a container learns its exit code");
    logs.end();
    return ContainerStatus.notFound(unknownEnd);
  }

  /** True while its process runs; asked by the log collector every poll, so lock-free. */
  boolean isRunning() {
    return runc != null ? runc.isAlive() : initAlive();
  }

  /** True when {@code runc run} exited before the container's init was ever seen: it failed. */
  synchronized boolean failedToStart() {
    if (runc == null || runc.isAlive()) {
      return false;
    }
    observeInit();
    return init == null;
  }

  /** True once the init's pid file was written: the container's process runs (or ran). */
  synchronized boolean hasStarted() {
    observeInit();
    return init != null;
  }

  /**
   * Records how the container ended, once its {@code runc run} process has exited; idempotent. Its
   * exit code is runc's; it was OOM-killed when it died of SIGKILL and its cgroup (still there
   * thanks to {@code run --keep}) counts an OOM kill.
   */
  synchronized void finish() {
    if (exit != null || runc == null || runc.isAlive()) {
      return;
    }
    observeInit();
    int code = runc.exitValue();
    Instant now = clock.instant();
    boolean oomKilled = code == SIGKILL_EXIT && cgroup.oomKills() > 0;
    exit = new ExitRecord(code, oomKilled, init == null ? now : init.startedAt(), now);
    if (recording && !destroyed) {
      try {
        JsonFiles.write(bundle.exit(), exit);
      } catch (RuntimeException e) {
        LOG.warn("could not record how {} ended: {}", handle, e.getMessage());
      }
    }
    logs.end();
  }

  /** Waits up to {@code timeout} for the container to end; true when it has. */
  boolean awaitEnd(Duration timeout) throws InterruptedException {
    if (runc != null) {
      if (!runc.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return false;
      }
      finish();
      return true;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (initAlive()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    status(); // records the end
    return true;
  }

  /** Destroying it failed: it may be destroyed again. */
  synchronized void destroyFailed() {
    destroyed = false;
  }

  /**
   * Marks the container as being destroyed; false when it already was. Nothing is written into its
   * bundle afterwards.
   */
  synchronized boolean markDestroyed() {
    if (destroyed) {
      return false;
    }
    destroyed = true;
    return true;
  }

  /**
   * The driver was closed: stop writing records, as a stopped agent would. The {@code runc run}
   * child keeps running and is not waited for any more.
   */
  void stopRecording() {
    recording = false;
  }

  /** Reads the pid file once the runtime wrote it, remembering the init's identity. */
  private void observeInit() {
    if (init != null || !Files.exists(bundle.pidFile())) {
      return;
    }
    long pid;
    try {
      String text = Files.readString(bundle.pidFile()).trim();
      if (text.isEmpty()) {
        return; // being written
      }
      pid = Long.parseLong(text);
    } catch (IOException | NumberFormatException e) {
      return;
    }
    long startTicks = ProcStat.read(pid).map(ProcStat::startTicks).orElse(0L);
    InitRecord seen = new InitRecord(pid, startTicks, clock.instant());
    init = seen;
    if (recording && !destroyed) {
      try {
        JsonFiles.write(bundle.init(), seen);
      } catch (RuntimeException e) {
        LOG.warn("could not record the init process of {}: {}", handle, e.getMessage());
      }
    }
  }

  private boolean initAlive() {
    InitRecord current = init;
    return current != null && ProcStat.isAlive(current.pid(), current.startTicks());
  }

  private String unknownEndMessage(String why) {
    String prefix = adoptedRunning ? "ExitCodeUnknown" : "ExitedWhileAgentDown";
    long ooms = cgroup.oomKills();
    return prefix
        + ": container "
        + handle.containerId()
        + " has ended, but its exit code is unknown: "
        + why
        + (ooms > 0 ? "; the kernel OOM-killed " + ooms + " process(es) in it" : "");
  }
}
