package dev.aino.runtime.host;

import dev.aino.error.RuntimeFailureException;
import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.ContainerRuntime;
import dev.aino.runtime.ContainerState;
import dev.aino.runtime.ContainerStatus;
import dev.aino.runtime.ExecCapable;
import dev.aino.runtime.ExitListener;
import dev.aino.runtime.ExitListeners;
import dev.aino.runtime.LogChunk;
import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogQuery;
import dev.aino.runtime.LogSubscription;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of the OCI and process drivers that does not depend on how a container is made: the
 * table of containers and its lookup (adopting a container found on disk after an agent restart),
 * ids, the per-instance directory, the graceful stop, destroy bookkeeping, logs and closing. A
 * driver adds how to start, signal, adopt and remove one of its containers.
 *
 * @param <C> the driver's container
 */
public abstract class HostRuntime<C extends HostContainer>
    implements ContainerRuntime, ExecCapable {
  private static final Logger LOG = LoggerFactory.getLogger(HostRuntime.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String name;
  private final LogLimits logLimits;
  private final Clock clock = Clock.systemUTC();
  private final LogCollector collector;
  private final ConcurrentHashMap<String, C> containers = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * @param name the driver's name, in handles and in the log collector's thread name
   */
  protected HostRuntime(String name, LogLimits logLimits) {
    this.name = name;
    this.logLimits = logLimits;
    this.collector = new LogCollector(name, logLimits.pollInterval());
  }

  @Override
  public final ContainerStatus inspect(ContainerHandle handle) {
    C container = find(handle);
    if (container == null) {
      return ContainerStatus.notFound(name + " has no container " + handle.containerId());
    }
    return container.status();
  }

  /**
   * A container started here announces its end when its child process exits (the JDK's process
   * reaper sees it at once); an adopted one when the log collector's next poll finds its process
   * gone.
   */
  @Override
  public final void onExit(ContainerHandle handle, ExitListener listener) {
    Objects.requireNonNull(listener, "listener");
    if (closed) {
      return;
    }
    C container = find(handle);
    if (container == null) {
      ExitListeners.call(
          listener,
          ContainerStatus.notFound(name + " has no container " + handle.containerId()),
          handle);
      return;
    }
    container.onExit(listener);
  }

  @Override
  public final void stop(ContainerHandle handle, Duration grace) {
    Objects.requireNonNull(grace, "grace");
    C container = find(handle);
    if (container == null) {
      return;
    }
    GracefulStop.stop(
        new GracefulStop.Target() {
          @Override
          public boolean hasEnded() {
            return container.status().hasEnded();
          }

          @Override
          public void signal(int signal) {
            HostRuntime.this.signal(container, signal);
          }

          @Override
          public boolean awaitEnd(Duration timeout) throws InterruptedException {
            return container.awaitEnd(timeout);
          }
        },
        grace,
        handle.toString());
  }

  @Override
  public final void destroy(ContainerHandle handle) {
    C container = find(handle);
    if (container == null) {
      destroyUnknown(handle);
      return;
    }
    if (!container.markDestroyed()) {
      return;
    }
    try {
      remove(container);
    } catch (RuntimeException e) {
      container.destroyFailed();
      throw e;
    }
  }

  @Override
  public final LogChunk logs(ContainerHandle handle, LogQuery query) {
    Objects.requireNonNull(query, "query");
    return require(handle, "reading logs of").logs().query(query);
  }

  @Override
  public final LogSubscription followLogs(
      ContainerHandle handle, Instant since, Consumer<LogLine> consumer) {
    Objects.requireNonNull(consumer, "consumer");
    return collector.follow(require(handle, "following logs of").logs(), since, consumer);
  }

  @Override
  public final Optional<ContainerHandle> recover(String instanceId, String containerId) {
    if (instanceId == null || containerId == null || !gaveOut(instanceId, containerId)) {
      return Optional.empty(); // not an id this driver gives out
    }
    C container = containers.get(containerId);
    if (container == null) {
      container = adopt(instanceId, containerId);
    }
    if (container == null || !container.handle().instanceId().equals(instanceId)) {
      return Optional.empty();
    }
    return Optional.of(container.handle());
  }

  /** Stops collecting logs and recording exits; containers keep running for the next agent. */
  @Override
  public void close() {
    closed = true;
    collector.close();
    containers.values().forEach(HostContainer::stopRecording);
  }

  /** The driver's name, in handles. */
  protected final String name() {
    return name;
  }

  protected final Clock clock() {
    return clock;
  }

  protected final LogCollector collector() {
    return collector;
  }

  /** Refuses to start anything once closed. */
  protected final void requireOpen(String instanceId) {
    if (closed) {
      throw new RuntimeFailureException(
          "starting instance " + instanceId + ": the runtime is closed");
    }
  }

  /** A new id for a container of {@code instanceId}: {@code <instance>-<8 hex digits>}. */
  protected final ContainerHandle newHandle(String instanceId) {
    String containerId = instanceId + "-" + HexFormat.of().toHexDigits(RANDOM.nextInt());
    return new ContainerHandle(name, containerId, instanceId);
  }

  /**
   * Creates the instance's directory {@code dir}, refusing when the instance already has one.
   *
   * @param existing the id of the container a directory already there belongs to, if it says
   */
  protected final Path reserve(
      Path dir,
      String instanceId,
      Function<Path, Optional<String>> existing,
      FileAttribute<?>... attributes) {
    try {
      return Files.createDirectory(dir, attributes);
    } catch (FileAlreadyExistsException e) {
      throw new RuntimeFailureException(
          "starting instance "
              + instanceId
              + ": it already has "
              + name
              + " container "
              + existing.apply(dir).orElse("(being created)")
              + "; destroy that one before starting another");
    } catch (IOException e) {
      throw new RuntimeFailureException(
          "starting instance " + instanceId + ": cannot create " + dir + ": " + e, e);
    }
  }

  /** The log files of a container, in {@code logsDir}. */
  protected final ContainerLogFiles openLogs(Path logsDir, ContainerHandle handle) {
    return ContainerLogFiles.open(logsDir, logLimits, clock, handle.toString());
  }

  /**
   * Takes in a container this driver just started: its exit is recorded when {@code child} exits,
   * and its logs are collected while {@code collecting} says so.
   */
  protected final void track(C container, Process child, BooleanSupplier collecting) {
    containers.put(container.handle().containerId(), container);
    child.onExit().thenRun(container::finish);
    collector.watch(container.logs(), collecting);
  }

  /**
   * Takes in a container found on disk; when another thread adopted it first, that one wins.
   * Collects its logs while {@code collecting} says so, if it runs.
   */
  protected final C adopted(C container, BooleanSupplier collecting) {
    C raced = containers.putIfAbsent(container.handle().containerId(), container);
    if (raced != null) {
      return raced;
    }
    if (container.isRunning()) {
      // Its process has no parent here to learn of its end: the poll that finds it gone announces
      // it.
      collector.watch(
          container.logs(),
          () -> {
            if (collecting.getAsBoolean()) {
              return true;
            }
            container.status();
            return false;
          });
      LOG.info("adopted running {}", container.handle());
    }
    return container;
  }

  /** The container behind {@code handle}, adopting it from disk if need be; null when none. */
  protected final C find(ContainerHandle handle) {
    Objects.requireNonNull(handle, "handle");
    C container = containers.get(handle.containerId());
    if (container == null) {
      container = adopt(handle.instanceId(), handle.containerId());
    }
    return container != null && container.handle().equals(handle) ? container : null;
  }

  /**
   * The container behind {@code handle}.
   *
   * @throws RuntimeFailureException saying what was being done when there is none
   */
  protected final C require(ContainerHandle handle, String doing) {
    C container = find(handle);
    if (container == null) {
      throw new RuntimeFailureException(
          doing + " " + handle + ": no such container (never started, or destroyed)");
    }
    return container;
  }

  /**
   * The running container behind {@code handle}, for exec.
   *
   * @throws RuntimeFailureException when there is none or it is not running
   */
  protected final C requireRunning(ContainerHandle handle, String doing) {
    C container = require(handle, doing);
    ContainerStatus status = container.status();
    if (status.state() != ContainerState.RUNNING) {
      throw new RuntimeFailureException(
          doing
              + " "
              + handle
              + ": it is not running ("
              + status.state().name().toLowerCase(Locale.ROOT)
              + ")");
    }
    return container;
  }

  /**
   * Kills the container, waits for it, stops collecting its logs, removes its files and forgets it.
   */
  protected final void remove(C container) {
    kill(container);
    try {
      container.awaitEnd(GracefulStop.KILL_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeFailureException("destroying " + container.handle() + ": interrupted", e);
    }
    collector.forget(container.logs());
    removeFiles(container);
    containers.remove(container.handle().containerId(), container);
  }

  /** Whether {@code containerId} is an id this driver could have given to {@code instanceId}. */
  protected abstract boolean gaveOut(String instanceId, String containerId);

  /** The container found on disk for these ids, not started by this agent; null when none. */
  protected abstract C adopt(String instanceId, String containerId);

  /** Sends {@code signal} to the container, for a graceful stop. */
  protected abstract void signal(C container, int signal);

  /** Ends the container at once, for removal. */
  protected abstract void kill(C container);

  /** Removes what the container left on disk, once it has ended. */
  protected abstract void removeFiles(C container);

  /** Destroys what is left of a container this driver has no record of; by default nothing. */
  protected void destroyUnknown(ContainerHandle handle) {}
}
