package dev.aino.reconcile;

import dev.aino.agent.AgentConfig;
import dev.aino.agent.NodeAgent;
import dev.aino.api.OrchestratorService;
import dev.aino.api.impl.CoreOrchestratorService;
import dev.aino.model.DesiredState;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.Resources;
import dev.aino.runtime.simulated.SimulatedRuntime;
import dev.aino.scheduler.Scheduler;
import dev.aino.scheduler.SchedulerConfig;
import dev.aino.store.StateStore;
import dev.aino.testing.Await;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole single-process cluster for tests: the real controller and scheduler over a store, and one
 * node agent with a simulated runtime per node, all with fast timings.
 */
final class ControlLoopHarness implements AutoCloseable {
  static final String IMAGE = "127.0.0.1:5000/busybox:1.36";

  final StateStore store;
  final Scheduler scheduler = new Scheduler(SchedulerConfig.defaults().withSeed(11));
  final OrchestratorService api;
  final Map<String, NodeAgent> agents = new LinkedHashMap<>();
  final Map<String, SimulatedRuntime> runtimes = new LinkedHashMap<>();
  Controller controller;

  ControlLoopHarness(StateStore store) {
    this.store = store;
    this.api = new CoreOrchestratorService(store, scheduler, Clock.systemUTC());
  }

  /**
   * Fast loops, and nodes suspect after 5 s without heartbeat, down after 10 s, lost after 15 s:
   * heartbeats come every 50 ms, so only a dead agent misses them that long, never one stalled by a
   * loaded machine (a stall that made a node look lost would replace instances and break the counts
   * the scenarios assert).
   */
  static ControllerConfig fastConfig() {
    return config(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(15));
  }

  /**
   * As {@link #fastConfig()}, but a node is suspect after 400 ms, down after 800 ms and lost after
   * 1.2 s, for the scenario that waits for a node to be lost; its assertions hold even if a stall
   * makes a live node look lost for a while.
   */
  static ControllerConfig quickNodeLossConfig() {
    return config(Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofMillis(1200));
  }

  private static ControllerConfig config(Duration suspect, Duration down, Duration lost) {
    return new ControllerConfig(
        2,
        Duration.ofSeconds(2),
        Duration.ofMillis(5),
        Duration.ofMillis(200),
        Duration.ofMillis(50),
        suspect,
        down,
        lost,
        Duration.ofSeconds(10),
        5);
  }

  ControlLoopHarness startController() {
    return startController(fastConfig());
  }

  ControlLoopHarness startController(ControllerConfig config) {
    controller = new Controller(store, scheduler, config, Clock.systemUTC(), LeaderGate.ALWAYS);
    controller.start();
    return this;
  }

  void restartController() {
    restartController(fastConfig());
  }

  void restartController(ControllerConfig config) {
    controller.close();
    startController(config);
  }

  /** Starts a node agent with its own simulated runtime. */
  void addNode(String name, Resources capacity) {
    SimulatedRuntime runtime = runtimes.computeIfAbsent(name, n -> new SimulatedRuntime());
    AgentConfig config =
        AgentConfig.builder(capacity)
            .heartbeatInterval(Duration.ofMillis(50))
            .pollInterval(Duration.ofMillis(10))
            .backoffInitial(Duration.ofMillis(20))
            .backoffMax(Duration.ofMillis(400))
            .stopGrace(Duration.ofMillis(100))
            .build();
    NodeAgent agent = new NodeAgent(name, store, runtime, config, Clock.systemUTC());
    agent.start();
    agents.put(name, agent);
    Await.until("node " + name + " registered", () -> store.node(name).isPresent());
  }

  /** The node's agent stops (its heartbeats with it); its containers are left as they are. */
  void killAgent(String name) {
    agents.remove(name).close();
  }

  List<Instance> live(String workload) {
    return store.instancesOf(workload).stream()
        .filter(i -> !i.phase().isTerminal() && i.desired() == DesiredState.RUN)
        .toList();
  }

  long running(String workload) {
    return store.instancesOf(workload).stream()
        .filter(i -> i.phase() == InstancePhase.RUNNING && i.desired() == DesiredState.RUN)
        .count();
  }

  long readyOf(String workload, String templateHash) {
    return store.instancesOf(workload).stream()
        .filter(
            i ->
                i.phase() == InstancePhase.RUNNING
                    && i.ready()
                    && i.desired() == DesiredState.RUN
                    && (templateHash == null || templateHash.equals(i.templateHash())))
        .count();
  }

  /**
   * Waits until the workload runs exactly {@code n} ready instances of its current spec and nothing
   * else of it holds resources.
   */
  void awaitRunning(String workload, int n) {
    Await.until(
        workload + " running exactly " + n + " ready instances of its current spec",
        Duration.ofSeconds(30),
        () -> {
          String template = store.workload(workload).map(w -> w.spec().templateHash()).orElse(null);
          return readyOf(workload, template) == n
              && live(workload).size() == n
              && nonTerminal(workload) == n;
        });
  }

  long nonTerminal(String workload) {
    return store.instancesOf(workload).stream().filter(i -> !i.phase().isTerminal()).count();
  }

  @Override
  public void close() {
    if (controller != null) {
      controller.close();
    }
    agents.values().forEach(NodeAgent::close);
    runtimes.values().forEach(SimulatedRuntime::close);
    store.close();
  }
}
