package dev.aino.runtime;

import dev.aino.model.RuntimeInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs containers on one node: the driver SPI every runtime implements (OCI runtimes, plain host
 * processes, the simulation). The node agent is its only caller; it decides what to run, the
 * runtime only runs it and reports what happened.
 *
 * <p>Rules every implementation keeps (the contract test checks them):
 *
 * <ul>
 *   <li>Methods are thread-safe and may block for as long as the operation takes ({@link #stop} up
 *       to its grace period); none starts a thread per container.
 *   <li>Container ids are chosen by the runtime, unique on the node, and stable across an agent
 *       restart, so a handle can be rebuilt with {@link #recover}.
 *   <li>A container that ended stays inspectable, and its logs readable, until {@link #destroy}.
 *   <li>Failures throw {@link dev.aino.error.RuntimeFailureException} (code {@code
 *       RUNTIME_FAILURE}) whose message names the operation, the container or instance, and the
 *       cause; a container the runtime does not know is reported by {@link #inspect} as {@link
 *       ContainerState#NOT_FOUND}, not thrown.
 * </ul>
 */
public interface ContainerRuntime extends AutoCloseable {

  /** What this runtime is (name, version, whether it isolates); reported on the node. */
  RuntimeInfo fingerprint();

  /**
   * Fetches what starting {@code spec} needs and may take long to get without keeping the host's
   * CPUs busy, its image above all, so that the caller can do it outside its limit on starts at
   * once: a slow pull then holds back no other start. Optional: {@link #start} does whatever was
   * not done. Does nothing by default.
   *
   * @throws dev.aino.error.RuntimeFailureException when it cannot be fetched (e.g. {@code
   *     ImagePullFailed})
   */
  default void prepare(ContainerSpec spec) {}

  /**
   * Creates and starts a container for {@code spec}. Returns once the runtime has accepted it; it
   * may still be {@link ContainerState#CREATED} (pulling, starting) when this returns.
   *
   * @throws dev.aino.error.RuntimeFailureException when it cannot be started (image missing,
   *     command not found, a container for the same instance still exists, ...)
   */
  ContainerHandle start(ContainerSpec spec);

  /** The container's state now; {@link ContainerState#NOT_FOUND} once destroyed or unknown. */
  ContainerStatus inspect(ContainerHandle handle);

  /**
   * Calls {@code listener} exactly once, as soon as the runtime learns that the container has
   * ended, with the ended status {@link #inspect} reports from then on: the agent hears of an exit
   * as an event, as from Nomad's {@code WaitTask}, instead of by polling. Returns at once.
   *
   * <ul>
   *   <li>However it ends: by itself, killed by the kernel, by {@link #stop}, or by {@link
   *       #destroy} (which kills a running container first: its listeners hear of that end, e.g.
   *       SIGKILL).
   *   <li>A container that has already ended, was destroyed, or is unknown: {@code listener} is
   *       called at once, on the calling thread, with its ended or {@link ContainerState#NOT_FOUND}
   *       status.
   *   <li>Otherwise on a runtime thread, so {@code listener} must not block; what it throws is
   *       logged and breaks neither the other listeners nor the runtime.
   *   <li>A container whose exit code is lost (adopted after an agent restart) ends as {@link
   *       ContainerState#NOT_FOUND} with the reason in its message, as {@link #inspect} says.
   *   <li>Once the runtime is {@link #close closed}, listeners not yet called are dropped.
   * </ul>
   */
  void onExit(ContainerHandle handle, ExitListener listener);

  /**
   * Stops the container: SIGTERM, up to {@code grace} for it to exit, then SIGKILL. Returns once it
   * has exited. Does nothing for a container that has already exited or is unknown.
   */
  void stop(ContainerHandle handle, Duration grace);

  /**
   * Removes everything the container holds (process, bundle, cgroup, log files), killing it first
   * if it still runs. Idempotent: destroying an unknown or destroyed container does nothing.
   */
  void destroy(ContainerHandle handle);

  /** Current resource use of a running or exited container. */
  ResourceUsage stats(ContainerHandle handle);

  /**
   * The container's output selected by {@code query}; readable until the container is destroyed.
   */
  LogChunk logs(ContainerHandle handle, LogQuery query);

  /**
   * Delivers the container's output from {@code since} (null: from the start) and then every new
   * line as it is written, in order, to {@code consumer}, on a runtime thread; the consumer must
   * not block. Delivery ends when the subscription is closed, or after the last line once the
   * container has exited.
   */
  LogSubscription followLogs(ContainerHandle handle, Instant since, Consumer<LogLine> consumer);

  /**
   * Re-attaches to a container after an agent restart. Returns its handle when the runtime still
   * knows a container with this id that belongs to {@code instanceId}, in whatever state it is (the
   * caller inspects it); empty when it does not.
   */
  Optional<ContainerHandle> recover(String instanceId, String containerId);

  /** Every container this runtime manages on this node, running or not, to find orphans. */
  List<ContainerHandle> list();

  /**
   * The container's own IPv4 address, when it has a network namespace of its own on a bridge; empty
   * on the node's network and for runtimes without bridge networking.
   */
  default Optional<String> address(ContainerHandle handle) {
    return Optional.empty();
  }

  /**
   * Where this node reaches the container's ports, for health checks: its own {@link #address} on a
   * bridge (the ports are in its namespace), the node's loopback on the node's network.
   */
  default String reachableAt(ContainerHandle handle) {
    return address(handle).orElse(LOOPBACK);
  }

  /** The node's loopback address, where containers on the node's network are reached. */
  String LOOPBACK = "127.0.0.1";

  /** Releases the runtime's own resources. Containers keep running; a new runtime recovers them. */
  @Override
  default void close() {}
}
