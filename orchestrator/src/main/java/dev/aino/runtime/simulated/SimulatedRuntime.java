package dev.aino.runtime.simulated;

import dev.aino.error.RuntimeFailureException;
import dev.aino.model.NetworkMode;
import dev.aino.model.RuntimeInfo;
import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.ContainerRuntime;
import dev.aino.runtime.ContainerSpec;
import dev.aino.runtime.ContainerState;
import dev.aino.runtime.ContainerStatus;
import dev.aino.runtime.ExecCapable;
import dev.aino.runtime.ExecResult;
import dev.aino.runtime.ExitListener;
import dev.aino.runtime.ExitListeners;
import dev.aino.runtime.LogChunk;
import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogQuery;
import dev.aino.runtime.LogStream;
import dev.aino.runtime.LogSubscription;
import dev.aino.runtime.ResourceUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A runtime that runs no processes: each container's behaviour comes from its command line (see
 * {@link ProgramParser}) and the {@link SimulationConfig}, and its life is computed from the clock.
 * Tests also get hooks to end a container from outside: {@link #crash} and {@link #oomKill}.
 *
 * <p>Like a real runtime it keeps one container per instance at a time: starting a second one for
 * an instance whose container has not been destroyed is refused.
 *
 * <p>Exits are announced to {@link #onExit} listeners when something ends a container (stop,
 * destroy, the test hooks), when {@link #inspect} first sees it ended, and, for a program that ends
 * by itself, by a timer task on the scheduler due at that end on the clock (checked again every
 * follow interval while a test's clock lags behind).
 */
public final class SimulatedRuntime implements ContainerRuntime, ExecCapable {
  /** The name in handles and in the node's runtime fingerprint. */
  public static final String NAME = "simulated";

  private static final String VERSION = "1";
  private static final long MIB = 1024L * 1024;

  private final SimulationConfig config;
  private final ConcurrentHashMap<String, SimulatedContainer> containers =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> containerOfInstance = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong();

  /** The pretended addresses of bridged containers, by container id. */
  private final ConcurrentHashMap<String, String> addresses = new ConcurrentHashMap<>();

  private final LogFollowers followers;
  private ScheduledExecutorService ownScheduler;
  private volatile boolean closed;

  public SimulatedRuntime() {
    this(SimulationConfig.defaults());
  }

  public SimulatedRuntime(SimulationConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.followers = new LogFollowers(config.clock(), config.followInterval(), this::scheduler);
  }

  @Override
  public RuntimeInfo fingerprint() {
    // Pretends bridge networking, so that workloads with ports behave as on an OCI node with the
    // CNI plugins (an address and a node port per instance) in tests and benchmarks.
    return new RuntimeInfo(NAME, VERSION, false, true);
  }

  /** The pretended address of a bridged container: 10.88.0.0/16, one per container. */
  @Override
  public Optional<String> address(ContainerHandle handle) {
    return Optional.ofNullable(addresses.get(handle.containerId()));
  }

  /**
   * The node's loopback even for a bridged container: its address is pretended, and what answers a
   * simulated container's health check (a test's server) listens on this node.
   */
  @Override
  public String reachableAt(ContainerHandle handle) {
    return LOOPBACK;
  }

  @Override
  public void prepare(ContainerSpec spec) {
    Objects.requireNonNull(spec, "spec");
    requirePullable(spec);
  }

  @Override
  public ContainerHandle start(ContainerSpec spec) {
    Objects.requireNonNull(spec, "spec");
    if (closed) {
      throw new RuntimeFailureException(
          "starting instance " + spec.instanceId() + ": the simulated runtime is closed");
    }
    requirePullable(spec);
    SimulatedFate fate = SimulatedFate.draw(config, spec.instanceId(), spec.restartCount());
    if (fate.startFails()) {
      throw new RuntimeFailureException(
          "starting instance "
              + spec.instanceId()
              + ": simulated start failure (probability "
              + config.startFailureProbability()
              + ", seed "
              + config.seed()
              + ")");
    }
    String containerId = "sim-" + Long.toHexString(nextId.incrementAndGet());
    String existing = containerOfInstance.putIfAbsent(spec.instanceId(), containerId);
    if (existing != null) {
      throw new RuntimeFailureException(
          "starting instance "
              + spec.instanceId()
              + ": it already has container "
              + existing
              + "; destroy that one before starting another");
    }
    ContainerHandle handle = new ContainerHandle(NAME, containerId, spec.instanceId());
    if (spec.network() == NetworkMode.BRIDGE) {
      long n = nextId.get() % 65_000 + 2;
      addresses.put(containerId, "10.88." + (n >> 8) + "." + (n & 255));
    }
    Instant startsAt = config.clock().instant().plus(config.startLatency());
    containers.put(
        containerId,
        new SimulatedContainer(
            handle,
            ProgramParser.parse(spec.argv()),
            startsAt,
            fate.crashAfter(),
            config.crashExitCode(),
            config.cpuMillis(),
            config.memoryMiB() * MIB,
            spec.resources().memoryMiB() * MIB));
    return handle;
  }

  private void requirePullable(ContainerSpec spec) {
    if (config.failsToPull(spec.image())) {
      // As the real image service says it, so the agent classifies it as a pull failure.
      throw dev.aino.image.ImagePullErrors.failed(
          "image "
              + spec.image()
              + " for instance "
              + spec.instanceId()
              + " cannot be pulled (the simulation is configured to fail this image)");
    }
  }

  @Override
  public ContainerStatus inspect(ContainerHandle handle) {
    SimulatedContainer container = find(handle);
    if (container == null) {
      return ContainerStatus.notFound(
          "the simulated runtime has no container " + handle.containerId());
    }
    return announceIfEnded(container);
  }

  @Override
  public void onExit(ContainerHandle handle, ExitListener listener) {
    Objects.requireNonNull(listener, "listener");
    if (closed) {
      return;
    }
    SimulatedContainer container = find(handle);
    if (container == null) {
      ExitListeners.call(
          listener,
          ContainerStatus.notFound(
              "the simulated runtime has no container " + handle.containerId()),
          handle);
      return;
    }
    container.exitListeners().add(listener);
    announceIfEnded(container);
    if (!container.exitListeners().isSettled()
        && container.naturalEndAt() != null
        && container.claimEndWait()) {
      awaitNaturalEnd(container, Duration.ZERO);
    }
  }

  @Override
  public void stop(ContainerHandle handle, Duration grace) {
    Objects.requireNonNull(grace, "grace");
    SimulatedContainer container = find(handle);
    if (container == null || container.status(now()).hasEnded()) {
      return;
    }
    boolean running = container.status(now()).state() == ContainerState.RUNNING;
    if (!running || !container.program().ignoresSigterm()) {
      kill(container, ContainerStatus.SIGTERM);
      return;
    }
    awaitEnd(container, grace); // the program ignores SIGTERM: wait out the grace period
    kill(container, ContainerStatus.SIGKILL);
  }

  @Override
  public void destroy(ContainerHandle handle) {
    SimulatedContainer container = find(handle);
    if (container == null) {
      return;
    }
    kill(container, ContainerStatus.SIGKILL); // announces the end to its listeners
    container.destroy();
    containers.remove(handle.containerId(), container);
    addresses.remove(handle.containerId());
    containerOfInstance.remove(handle.instanceId(), handle.containerId());
  }

  @Override
  public ResourceUsage stats(ContainerHandle handle) {
    return require(handle, "reading stats of").usage(now());
  }

  @Override
  public LogChunk logs(ContainerHandle handle, LogQuery query) {
    Objects.requireNonNull(query, "query");
    return LogChunk.select(require(handle, "reading logs of").lines(now()), query);
  }

  @Override
  public LogSubscription followLogs(
      ContainerHandle handle, Instant since, Consumer<LogLine> consumer) {
    Objects.requireNonNull(consumer, "consumer");
    return followers.follow(require(handle, "following logs of"), since, consumer);
  }

  @Override
  public Optional<ContainerHandle> recover(String instanceId, String containerId) {
    SimulatedContainer container = containerId == null ? null : containers.get(containerId);
    if (container == null || !container.handle().instanceId().equals(instanceId)) {
      return Optional.empty();
    }
    return Optional.of(container.handle());
  }

  @Override
  public List<ContainerHandle> list() {
    return containers.values().stream().map(SimulatedContainer::handle).toList();
  }

  @Override
  public ExecResult exec(ContainerHandle handle, List<String> argv, Duration timeout) {
    SimulatedContainer container = require(handle, "running a command in");
    ContainerStatus status = container.status(now());
    if (status.state() != ContainerState.RUNNING) {
      throw new RuntimeFailureException(
          "running a command in "
              + handle
              + ": it is not running ("
              + status.state().name().toLowerCase(Locale.ROOT)
              + ")");
    }
    SimulatedProgram program = ProgramParser.parse(argv);
    String stdout = output(program, LogStream.STDOUT);
    String stderr = output(program, LogStream.STDERR);
    if (program.runsForever() || program.runsFor().compareTo(timeout) > 0) {
      return ExecResult.timedOut(stdout, stderr);
    }
    return ExecResult.exited(program.exitCode(), stdout, stderr);
  }

  /**
   * Test hook: the container's process ends on its own with {@code exitCode}, as if it crashed.
   *
   * @throws RuntimeFailureException when it is not running
   */
  public void crash(String containerId, int exitCode) {
    SimulatedContainer container = requireRunning(containerId, "crashing");
    container.endIfAlive(now(), ContainerStatus.exited(exitCode, container.startedAt(), now()));
    announceIfEnded(container);
  }

  /**
   * Test hook: the kernel kills the container for exceeding its memory limit (SIGKILL, exit code
   * 137, {@code oomKilled}).
   *
   * @throws RuntimeFailureException when it is not running
   */
  public void oomKill(String containerId) {
    SimulatedContainer container = requireRunning(containerId, "OOM-killing");
    container.endIfAlive(
        now(), ContainerStatus.killed(ContainerStatus.SIGKILL, true, container.startedAt(), now()));
    announceIfEnded(container);
  }

  /**
   * Test hook: the CPU (millicores) and memory (bytes) the container uses from now on, whatever its
   * command declares (see {@link ProgramParser}'s {@code load}).
   */
  public void setUsage(String containerId, long cpuMillis, long memoryBytes) {
    SimulatedContainer container = containers.get(containerId);
    if (container == null) {
      throw new RuntimeFailureException(
          "setting usage of container " + containerId + ": no such container");
    }
    container.setUsage(now(), cpuMillis, memoryBytes);
  }

  /** Stops log following; containers stay (a new runtime over the same state would see them). */
  @Override
  public synchronized void close() {
    closed = true;
    containers.values().forEach(c -> c.exitListeners().drop());
    if (ownScheduler != null) {
      ownScheduler.shutdownNow();
    }
  }

  private void kill(SimulatedContainer container, int signal) {
    Instant now = now();
    Instant startedAt = now.isBefore(container.startedAt()) ? null : container.startedAt();
    container.endIfAlive(now, ContainerStatus.killed(signal, false, startedAt, now));
    announceIfEnded(container);
  }

  /** The container's status now, announcing its end to its listeners if it has ended. */
  private ContainerStatus announceIfEnded(SimulatedContainer container) {
    ContainerStatus status = container.status(now());
    if (status.hasEnded()) {
      container.exitListeners().announce(status);
    }
    return status;
  }

  /**
   * Checks for the container's end when its program ends it by itself on the clock, and then again
   * at least {@code atLeast} later while the clock has not got there (a test's clock that stands).
   */
  private void awaitNaturalEnd(SimulatedContainer container, Duration atLeast) {
    if (closed || container.exitListeners().isSettled()) {
      return;
    }
    if (announceIfEnded(container).hasEnded()) {
      return;
    }
    Duration left = Duration.between(now(), container.naturalEndAt());
    Duration delay = left.compareTo(atLeast) < 0 ? atLeast : left;
    try {
      scheduler()
          .schedule(
              () -> awaitNaturalEnd(container, config.followInterval()),
              delay.toNanos(),
              TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // the scheduler is shutting down: so is the runtime
    }
  }

  private SimulatedContainer find(ContainerHandle handle) {
    Objects.requireNonNull(handle, "handle");
    SimulatedContainer container = containers.get(handle.containerId());
    if (container == null || !container.handle().equals(handle)) {
      return null;
    }
    return container;
  }

  private SimulatedContainer require(ContainerHandle handle, String doing) {
    SimulatedContainer container = find(handle);
    if (container == null) {
      throw new RuntimeFailureException(
          doing + " " + handle + ": no such container (never started, or destroyed)");
    }
    return container;
  }

  private SimulatedContainer requireRunning(String containerId, String doing) {
    SimulatedContainer container = containers.get(containerId);
    ContainerStatus status = container == null ? null : container.status(now());
    if (status == null || status.state() != ContainerState.RUNNING) {
      throw new RuntimeFailureException(
          doing
              + " container "
              + containerId
              + ": it is not running ("
              + (status == null ? "no such container" : status.state())
              + ")");
    }
    return container;
  }

  private static String output(SimulatedProgram program, LogStream stream) {
    return program.outputs().stream()
        .filter(o -> o.stream() == stream)
        .map(o -> o.text() + "\n")
        .collect(Collectors.joining());
  }

  /**
   * Waits up to {@code grace} of real time for the container to end on its own (a program that
   * ignores SIGTERM may still finish its work), checking every few milliseconds.
   */
  private void awaitEnd(SimulatedContainer container, Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    try {
      while (!container.status(now()).hasEnded()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        Thread.sleep(Math.max(1, Math.min(10, left / 1_000_000)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeFailureException(
          "stopping " + container.handle() + ": interrupted while waiting for it to exit");
    }
  }

  private Instant now() {
    return config.clock().instant();
  }

  private synchronized ScheduledExecutorService scheduler() {
    if (config.scheduler() != null) {
      return config.scheduler();
    }
    if (ownScheduler == null) {
      ownScheduler =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "aino-simulated-logs");
                t.setDaemon(true);
                return t;
              });
    }
    return ownScheduler;
  }
}
