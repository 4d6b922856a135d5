package dev.aino.agent;

import dev.aino.model.Event;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.ObjectRef;
import dev.aino.model.Resources;
import dev.aino.model.Workload;
import dev.aino.model.WorkloadSpec;
import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.ContainerRuntime;
import dev.aino.runtime.simulated.SimulatedRuntime;
import dev.aino.store.ObjectKind;
import dev.aino.store.StateStore;
import dev.aino.store.WatchEvent;
import dev.aino.store.memory.InMemoryStateStore;
import dev.aino.testing.Await;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A node agent on an in-memory store and a simulated runtime with fast timings, plus what the
 * control plane would do (create workloads, schedule instances) and waits on the outcome.
 */
final class AgentHarness implements AutoCloseable {
  static final String NODE = "node-a";
  static final String IMAGE = "127.0.0.1:5000/busybox:1.36";

  final StateStore store;
  final SimulatedRuntime runtime;
  final AgentConfig config;
  final Clock clock;

  /** What the agent drives: {@link #runtime}, or a wrapper around it that a test watches. */
  private final ContainerRuntime driver;

  NodeAgent agent;

  AgentHarness(StateStore store, SimulatedRuntime runtime, AgentConfig config, Clock clock) {
    this(store, runtime, runtime, config, clock);
  }

  private AgentHarness(
      StateStore store,
      SimulatedRuntime runtime,
      ContainerRuntime driver,
      AgentConfig config,
      Clock clock) {
    this.store = store;
    this.runtime = runtime;
    this.driver = driver;
    this.config = config;
    this.clock = clock;
  }

  /** 10 ms polls, 20 ms first back-off, 50 ms heartbeats, 200 ms stop grace. */
  static AgentConfig.Builder fastConfig() {
    return AgentConfig.builder(Resources.of(4000, 8192))
        .heartbeatInterval(Duration.ofMillis(50))
        .pollInterval(Duration.ofMillis(10))
        .backoffInitial(Duration.ofMillis(20))
        .backoffMax(Duration.ofSeconds(1))
        .stopGrace(Duration.ofMillis(200));
  }

  static AgentHarness start() {
    return start(new SimulatedRuntime(), fastConfig().build(), Clock.systemUTC());
  }

  static AgentHarness start(SimulatedRuntime runtime, AgentConfig config, Clock clock) {
    AgentHarness harness = new AgentHarness(new InMemoryStateStore(), runtime, config, clock);
    harness.startAgent();
    return harness;
  }

  /** An agent that drives {@code driver}, which wraps {@code runtime}. */
  static AgentHarness start(SimulatedRuntime runtime, ContainerRuntime driver, AgentConfig config) {
    AgentHarness harness =
        new AgentHarness(new InMemoryStateStore(), runtime, driver, config, Clock.systemUTC());
    harness.startAgent();
    return harness;
  }

  void startAgent() {
    agent = new NodeAgent(NODE, store, driver, config, clock);
    agent.start();
  }

  void restartAgent() {
    agent.close();
    startAgent();
  }

  static WorkloadSpec.Builder spec(String... argv) {
    return WorkloadSpec.builder(IMAGE).command(argv);
  }

  Workload workload(String name, WorkloadSpec spec) {
    return store.create(Workload.create(name, spec, clock.instant()));
  }

  /** What the scheduler does: a new instance of {@code workload}, placed on this node. */
  Instance schedule(Workload workload, String suffix) {
    return store.create(placed(workload, suffix, NODE));
  }

  static Instance placed(Workload workload, String suffix, String node) {
    return Instance.pending(workload, suffix, Instant.now()).toBuilder()
        .node(node)
        .phase(InstancePhase.SCHEDULED)
        .build();
  }

  /** Every version of every instance written from now on, in order; filled by a store watch. */
  List<Instance> history() {
    List<Instance> seen = new CopyOnWriteArrayList<>();
    store.watch(
        ObjectKind.INSTANCES,
        0,
        e -> {
          if (e instanceof WatchEvent.Put<Instance> put) {
            seen.add(put.object());
          }
        });
    return seen;
  }

  Instance await(String id, String what, Predicate<Instance> wanted) {
    return Await.value(
        "instance " + id + " " + what,
        Await.DEFAULT_TIMEOUT,
        () -> store.instance(id).filter(wanted).orElse(null),
        () -> store.instance(id).map(Object::toString).orElse("(absent)"));
  }

  Instance awaitPhase(String id, InstancePhase phase) {
    return await(id, "in phase " + phase, i -> i.phase() == phase);
  }

  List<Event> events(String id) {
    return store.events(ObjectRef.instance(id));
  }

  Event awaitEvent(String id, String reason) {
    return awaitEvent(id, reason, 1);
  }

  /** The event once it was recorded (folded) at least {@code count} times. */
  Event awaitEvent(String id, String reason, int count) {
    return Await.value(
        "event " + reason + " on instance " + id + " counted " + count + " time(s)",
        Await.DEFAULT_TIMEOUT,
        () ->
            events(id).stream()
                .filter(e -> e.reason().equals(reason) && e.count() >= count)
                .findFirst()
                .orElse(null),
        () -> events(id));
  }

  ContainerHandle container(Instance instance) {
    return runtime
        .recover(instance.id(), instance.containerId())
        .orElseThrow(() -> new AssertionError("no container " + instance.containerId()));
  }

  @Override
  public void close() {
    if (agent != null) {
      agent.close();
    }
    runtime.close();
    store.close();
  }
}
