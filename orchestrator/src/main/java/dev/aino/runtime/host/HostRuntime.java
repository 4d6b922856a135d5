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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of the OCI and process drivers that does not depend on how a container is made: the
 * table of containers and its lookup, ids ({@link ContainerIds}), one directory per instance with
 * its {@link ContainerRecord}, {@link #list} and the adoption of a container found on disk after an
 * agent restart, the graceful stop, destroy bookkeeping, exit events, logs and closing. A driver
 * adds how to start, signal, take over and remove one of its containers, and how to read its
 * record.
 *
 * @param <C> the driver's container
 * @param <R> the record the driver keeps in each instance's directory
 */
public abstract class HostRuntime<C extends HostContainer, R extends ContainerRecord>
    implements ContainerRuntime, ExecCapable {
  private static final Logger LOG = LoggerFactory.getLogger(HostRuntime.class);

  private final String name;
  private final Path instances;
  private final LogLimits logLimits;
  private final Clock clock = Clock.systemUTC();
  private final LogCollector collector;
  private final ConcurrentHashMap<String, C> containers = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * @param name the driver's name, in handles and in the log collector's thread name
   * @param instances the directory holding one directory per instance, named by its id
   */
  protected HostRuntime(String name, LogLimits logLimits, Path instances) {
    this.name = name;
    this.instances = instances;
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
    if (!ContainerIds.issuedFor(instanceId, containerId)) {
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

  /**
   * The containers recorded in the instances' directories, and those only {@link
   * #unrecordedContainerIds} knows of whose id names an instance.
   */
  @Override
  public final List<ContainerHandle> list() {
    List<ContainerHandle> handles = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    try (Stream<Path> dirs = Files.list(instances)) {
      for (Path dir : (Iterable<Path>) dirs::iterator) {
        readRecord(dir)
            .filter(r -> r.instanceId().equals(dir.getFileName().toString()))
            .ifPresent(
                r -> {
                  handles.add(new ContainerHandle(name, r.containerId(), r.instanceId()));
                  seen.add(r.containerId());
                });
      }
    } catch (IOException e) {
      throw new RuntimeFailureException(
          "listing " + name + " containers: cannot read " + instances + ": " + e, e);
    }
    for (String containerId : unrecordedContainerIds()) {
      if (!seen.contains(containerId)) {
        ContainerIds.instanceOf(containerId)
            .ifPresent(i -> handles.add(new ContainerHandle(name, containerId, i)));
      }
    }
    return handles;
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

  /** A new handle for a container of {@code instanceId}; see {@link ContainerIds}. */
  protected final ContainerHandle newHandle(String instanceId) {
    return ContainerIds.newHandle(name, instanceId);
  }

  /** The directory of {@code instanceId}, a valid instance id. */
  protected final Path instanceDir(String instanceId) {
    return instances.resolve(instanceId);
  }

  /**
   * Creates the instance's directory, refusing when the instance already has one (naming the
   * container recorded there, if any).
   */
  protected final Path reserve(String instanceId, FileAttribute<?>... attributes) {
    Path dir = instanceDir(instanceId);
    try {
      return Files.createDirectory(dir, attributes);
    } catch (FileAlreadyExistsException e) {
      throw new RuntimeFailureException(
          "starting instance "
              + instanceId
              + ": it already has "
              + name
              + " container "
              + readRecord(dir).map(ContainerRecord::containerId).orElse("(being created)")
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
   * Takes in a container this driver just started: its exit is recorded (and announced) when {@code
   * child} exits, and its logs are collected while {@link #collecting} says so.
   */
  protected final void track(C container, Process child) {
    containers.put(container.handle().containerId(), container);
    child.onExit().thenRun(container::finish);
    collector.watch(container.logs(), collecting(container));
  }

  /**
   * Takes over the container recorded for these ids, found on disk after an agent restart; null
   * when there is none. When another thread adopted it first, that one wins. Collects its logs
   * while {@link #collecting} says so, if it runs.
   */
  private C adopt(String instanceId, String containerId) {
    if (!ContainerIds.issuedFor(instanceId, containerId)) {
      return null; // and so not to be put into a path
    }
    Path dir = instanceDir(instanceId);
    Optional<R> record =
        readRecord(dir)
            .filter(r -> r.containerId().equals(containerId) && r.instanceId().equals(instanceId));
    if (record.isEmpty()) {
      return null;
    }
    C container = takeOver(dir, record.get(), new ContainerHandle(name, containerId, instanceId));
    C raced = containers.putIfAbsent(container.handle().containerId(), container);
    if (raced != null) {
      return raced;
    }
    if (container.isRunning()) {
      // Its process has no parent here to learn of its end: the poll that finds it gone announces
      // it.
      BooleanSupplier collecting = collecting(container);
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

  /**
   * The record in the instance directory {@code dir}; empty when there is none that can be read (a
   * start that stopped before it was written).
   */
  protected abstract Optional<R> readRecord(Path dir);

  /**
   * The container {@code record} describes, found on disk after an agent restart, as it is now
   * (running or ended); starts nothing.
   */
  protected abstract C takeOver(Path dir, R record, ContainerHandle handle);

  /**
   * Ids of containers the driver knows of besides those recorded in the instances' directories, for
   * {@link #list}: e.g. what the OCI runtime itself still holds. None by default.
   */
  protected List<String> unrecordedContainerIds() {
    return List.of();
  }

  /** While the container's logs are collected, asked every poll: while it runs by default. */
  protected BooleanSupplier collecting(C container) {
    return container::isRunning;
  }

  /** Sends {@code signal} to the container, for a graceful stop. */
  protected abstract void signal(C container, int signal);

  /** Ends the container at once, for removal. */
  protected abstract void kill(C container);

  /** Removes what the container left on disk, once it has ended. */
  protected abstract void removeFiles(C container);

  /** Destroys what is left of a container this driver has no record of; by default nothing. */
  protected void destroyUnknown(ContainerHandle handle) {}
}
