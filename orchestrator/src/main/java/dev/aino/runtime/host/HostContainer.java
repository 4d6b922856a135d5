package dev.aino.runtime.host;

import dev.aino.model.InstanceReasons;
import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.ContainerStatus;
import dev.aino.runtime.ExitListener;
import dev.aino.runtime.ExitListeners;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a host driver knows about one of its containers, and where its status comes from: the part
 * the OCI and process drivers share.
 *
 * <p>A container the driver started has a Java child process that lives as long as it does ({@code
 * runc run}, or the workload's process itself) and exits with its exit code, which {@link #finish}
 * records (to an exit file, so it outlives the agent). A container adopted after an agent restart
 * has no such parent: its liveness comes from a pid and start time, and when it ends its exit code
 * is lost, since only a process's parent learns it. It then reads as {@link
 * dev.aino.runtime.ContainerState#NOT_FOUND} with a message starting {@code ExitedWhileAgentDown}
 * (it had already ended when adopted) or {@code ExitCodeUnknown} (it ended after adoption), rather
 * than with an invented code.
 *
 * <p>Its end is announced to its {@link #onExit exit listeners} the moment it is recorded: by the
 * child's exit for a container started here, and for an adopted one by the first look after its
 * process is gone (the log collector's, every poll interval).
 */
public abstract class HostContainer {
  private static final Logger LOG = LoggerFactory.getLogger(HostContainer.class);

  private final ContainerHandle handle;
  private final ContainerLogFiles logs;
  private final Clock clock;
  private final Process child;
  private final boolean adoptedRunning;
  private final ExitListeners exitListeners;
  private volatile boolean recording = true;
  private ExitRecord exit;
  private String unknownEnd;
  private boolean destroyed;

  /**
   * @param child the process whose exit is the container's, when this driver started it; null when
   *     adopted
   * @param adoptedRunning whether it was found running after an agent restart
   */
  protected HostContainer(
      ContainerHandle handle,
      ContainerLogFiles logs,
      Clock clock,
      Process child,
      boolean adoptedRunning) {
    this.handle = handle;
    this.logs = logs;
    this.clock = clock;
    this.child = child;
    this.adoptedRunning = adoptedRunning;
    this.exitListeners = new ExitListeners(handle);
  }

  public final ContainerHandle handle() {
    return handle;
  }

  public final ContainerLogFiles logs() {
    return logs;
  }

  /**
   * The container's state now. Cheap: no command, a few /proc reads at most. Announces the end when
   * this is the look that found it.
   */
  public final ContainerStatus status() {
    ContainerStatus status = currentStatus();
    if (status.hasEnded()) {
      exitListeners.announce(status);
    }
    return status;
  }

  /** Calls {@code listener} once the container has ended; see {@link ExitListeners}. */
  public final void onExit(ExitListener listener) {
    exitListeners.add(listener);
    if (!exitListeners.isSettled()) {
      status(); // it may have ended unseen (adopted): then this look announces it
    }
  }

  private synchronized ContainerStatus currentStatus() {
    if (exit != null) {
      return exit.toStatus();
    }
    if (unknownEnd != null) {
      return ContainerStatus.notFound(unknownEnd);
    }
    if (child != null) {
      if (child.isAlive()) {
        return liveStatus();
      }
      record();
      return exit.toStatus();
    }
    if (aliveWithoutParent()) {
      return liveStatus();
    }
    unknownEnd =
        unknownEndMessage(
            "it was adopted after an agent restart and has ended since; only the agent that"
                + " started a "
                + kind()
                + " learns its exit code");
    logs.end();
    return ContainerStatus.notFound(unknownEnd);
  }

  /** True while its process runs; asked by the log collector every poll, so lock-free. */
  public final boolean isRunning() {
    return child != null ? child.isAlive() : aliveWithoutParent();
  }

  /**
   * Records how the container ended, once its child process has exited, and announces it;
   * idempotent.
   */
  public final void finish() {
    record();
    ContainerStatus ended = currentStatus();
    if (ended.hasEnded()) {
      exitListeners.announce(ended);
    }
  }

  private synchronized void record() {
    if (exit != null || child == null || child.isAlive()) {
      return;
    }
    exit = exitRecord(child.exitValue());
    if (mayRecord()) {
      try {
        JsonFiles.write(exitFile(), exit);
      } catch (RuntimeException e) {
        LOG.warn("could not record how {} ended: {}", handle, e.getMessage());
      }
    }
    logs.end();
  }

  /** Waits up to {@code timeout} for the container to end; true when it has. */
  public final boolean awaitEnd(Duration timeout) throws InterruptedException {
    if (child != null) {
      if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return false;
      }
      finish();
    } else {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (aliveWithoutParent()) {
        if (System.nanoTime() > deadline) {
          return false;
        }
        Thread.sleep(10);
      }
      status(); // records the end
    }
    ended();
    return true;
  }

  /** Destroying it failed: it may be destroyed again. */
  public final synchronized void destroyFailed() {
    destroyed = false;
  }

  /**
   * Marks the container as being destroyed; false when it already was. Nothing is written into its
   * files afterwards.
   */
  public final synchronized boolean markDestroyed() {
    if (destroyed) {
      return false;
    }
    destroyed = true;
    return true;
  }

  /**
   * The driver was closed: stop writing records, as a stopped agent would. The child keeps running
   * and is not waited for any more.
   */
  public final void stopRecording() {
    recording = false;
    exitListeners.drop();
  }

  /**
   * Sets how a container found ended after an agent restart ended: {@code exit} when the agent that
   * started it recorded it, else its exit code is unknown for {@code why}. For the factories of
   * subclasses, right after construction.
   */
  protected final synchronized void endedBeforeAdoption(ExitRecord exit, String why) {
    this.exit = exit;
    this.unknownEnd = exit == null ? unknownEndMessage(why) : null;
    logs.end();
    exitListeners.announce(exit != null ? exit.toStatus() : ContainerStatus.notFound(unknownEnd));
  }

  /** The child process this driver started, or null when the container was adopted. */
  protected final Process child() {
    return child;
  }

  protected final Clock clock() {
    return clock;
  }

  /** Whether records may still be written: the driver is open and the container not destroyed. */
  protected final synchronized boolean mayRecord() {
    return recording && !destroyed;
  }

  /** The status of a container whose process runs (or, for OCI, is being created). */
  protected abstract ContainerStatus liveStatus();

  /** Whether an adopted container's process still runs, by pid and start time. */
  protected abstract boolean aliveWithoutParent();

  /** How the container ended, its child having exited with {@code exitCode}. */
  protected abstract ExitRecord exitRecord(int exitCode);

  /** Where {@link #finish} records how the container ended. */
  protected abstract Path exitFile();

  /** {@code container} or {@code process}, for messages. */
  protected abstract String kind();

  /** What ended, for the unknown-exit message, e.g. {@code container web-1-0a1b2c3d}. */
  protected abstract String subject();

  /** Anything more the unknown-exit message should say, e.g. an OOM kill seen; may be empty. */
  protected String endNote() {
    return "";
  }

  /** Called once the container has ended, from {@link #awaitEnd}: e.g. kill leftovers. */
  protected void ended() {}

  private String unknownEndMessage(String why) {
    return (adoptedRunning
            ? InstanceReasons.EXIT_CODE_UNKNOWN
            : InstanceReasons.EXITED_WHILE_AGENT_DOWN)
        + ": "
        + subject()
        + " has ended, but its exit code is unknown: "
        + why
        + endNote();
  }
}
