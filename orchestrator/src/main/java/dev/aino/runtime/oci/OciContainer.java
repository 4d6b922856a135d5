package dev.aino.runtime.oci;

import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.ContainerStatus;
import dev.aino.runtime.host.ContainerLogFiles;
import dev.aino.runtime.host.ExitRecord;
import dev.aino.runtime.host.HostContainer;
import dev.aino.runtime.host.ProcStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * One container of the OCI driver. Started by this driver, its child is the {@code runc run --keep}
 * process, which runs as long as the container does and exits with the container's exit code; the
 * init's pid comes from runc's pid file. Adopted after an agent restart, it is recognised by its
 * init's pid and start time (see {@link HostContainer} for what is then known of its end).
 */
final class OciContainer extends HostContainer {
  private static final int SIGKILL_EXIT = 128 + ContainerStatus.SIGKILL;

  final Bundle bundle;

  /** What made its root filesystem, and so releases it. */
  final RootfsBuilder rootfs;

  final ContainerCgroup cgroup;
  private volatile InitRecord init;

  private OciContainer(
      ContainerHandle handle,
      Bundle bundle,
      RootfsBuilder rootfs,
      ContainerCgroup cgroup,
      ContainerLogFiles logs,
      Clock clock,
      Process runc,
      InitRecord init,
      boolean adoptedRunning) {
    super(handle, logs, clock, runc, adoptedRunning);
    this.bundle = bundle;
    this.rootfs = rootfs;
    this.cgroup = cgroup;
    this.init = init;
  }

  /** A container whose {@code runc run} process this driver just started. */
  static OciContainer started(
      ContainerHandle handle,
      Bundle bundle,
      RootfsBuilder rootfs,
      ContainerCgroup cgroup,
      ContainerLogFiles logs,
      Clock clock,
      Process runc) {
    return new OciContainer(handle, bundle, rootfs, cgroup, logs, clock, runc, null, false);
  }

  /** A container found running after an agent restart, its init being {@code init}. */
  static OciContainer adoptedRunning(
      ContainerHandle handle,
      Bundle bundle,
      RootfsBuilder rootfs,
      ContainerCgroup cgroup,
      ContainerLogFiles logs,
      Clock clock,
      InitRecord init) {
    return new OciContainer(handle, bundle, rootfs, cgroup, logs, clock, null, init, true);
  }

  /**
   * A container found ended after an agent restart: {@code exit} when the agent that started it
   * recorded how, else its exit code is unknown for {@code why}.
   */
  static OciContainer adoptedEnded(
      ContainerHandle handle,
      Bundle bundle,
      RootfsBuilder rootfs,
      ContainerCgroup cgroup,
      ContainerLogFiles logs,
      Clock clock,
      ExitRecord exit,
      String why) {
    OciContainer container =
        new OciContainer(handle, bundle, rootfs, cgroup, logs, clock, null, null, false);
    container.endedBeforeAdoption(exit, why);
    return container;
  }

  /** True when {@code runc run} exited before the container's init was ever seen: it failed. */
  synchronized boolean failedToStart() {
    Process runc = child();
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

  /** Created until runc wrote the init's pid file, running from then on. */
  @Override
  protected ContainerStatus liveStatus() {
    observeInit();
    InitRecord seen = init;
    return seen == null ? ContainerStatus.created() : ContainerStatus.running(seen.startedAt());
  }

  @Override
  protected boolean aliveWithoutParent() {
    InitRecord current = init;
    return current != null && ProcStat.isAlive(current.pid(), current.startTicks());
  }

  /**
   * runc's exit code is the container's; it was OOM-killed when it died of SIGKILL and its cgroup
   * (still there thanks to {@code run --keep}) counts an OOM kill.
   */
  @Override
  protected ExitRecord exitRecord(int exitCode) {
    observeInit();
    Instant now = clock().instant();
    boolean oomKilled = exitCode == SIGKILL_EXIT && cgroup.oomKills() > 0;
    return new ExitRecord(exitCode, oomKilled, init == null ? now : init.startedAt(), now);
  }

  @Override
  protected Path exitFile() {
    return bundle.exit();
  }

  @Override
  protected String kind() {
    return "container";
  }

  @Override
  protected String subject() {
    return "container " + handle().containerId();
  }

  @Override
  protected String endNote() {
    long ooms = cgroup.oomKills();
    return ooms > 0 ? "; the kernel OOM-killed " + ooms + " process(es) in it" : "";
  }

  /**
   * Reads the pid file once the runtime wrote it, remembering the init's identity. Kept in memory
   * only: after an agent restart the runtime's {@code state} tells the pid and creation time again.
   */
  private synchronized void observeInit() {
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
    init = new InitRecord(pid, startTicks, clock().instant());
  }
}
