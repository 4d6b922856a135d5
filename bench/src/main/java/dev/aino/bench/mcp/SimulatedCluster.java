package dev.aino.bench.mcp;

import dev.aino.agent.AgentConfig;
import dev.aino.agent.AgentExecutors;
import dev.aino.agent.NodeAgent;
import dev.aino.api.InstanceFilter;
import dev.aino.api.OrchestratorService;
import dev.aino.bench.BenchServers;
import dev.aino.model.InstancePhase;
import dev.aino.model.Resources;
import dev.aino.model.WorkloadSpec;
import dev.aino.runtime.simulated.SimulatedRuntime;
import dev.aino.server.AinoServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code aino up} in this process (memory store, simulated runtime, a free loopback port, a
 * bearer token) plus more simulated nodes, each with its own node agent and simulated runtime on
 * threads they share, as a cluster of many machines would be.
 */
final class SimulatedCluster implements AutoCloseable {
  private static final Resources NODE_CAPACITY = Resources.of(32_000, 65_536);
  private static final int AGENT_WORKERS = 4;

  private final AinoServer server;
  private final String token;
  private final AgentExecutors executors;
  private final List<NodeAgent> agents = new ArrayList<>();

  private SimulatedCluster(AinoServer server, String token, AgentExecutors executors) {
    this.server = server;
    this.token = token;
    this.executors = executors;
  }

  /**
   * Starts the server, with its own node, and {@code extraNodes} more nodes.
   *
   * @param dataDir the server's data directory (a memory store keeps nothing there)
   */
  static SimulatedCluster start(Path dataDir, int extraNodes, String token) {
    AinoServer server = BenchServers.simulated(dataDir, token);
    SimulatedCluster cluster =
        new SimulatedCluster(server, token, AgentExecutors.create("bench", AGENT_WORKERS));
    try {
      for (int n = 0; n < extraNodes; n++) {
        NodeAgent agent =
            new NodeAgent(
                "sim-" + n,
                server.store(),
                new SimulatedRuntime(),
                AgentConfig.builder(NODE_CAPACITY).workers(AGENT_WORKERS).build(),
                Clock.systemUTC(),
                cluster.executors);
        agent.start();
        cluster.agents.add(agent);
      }
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /**
   * Applies {@code workloads} workloads of {@code replicas} replicas through the facade and waits
   * until the controller placed them and the agents run them all.
   *
   * @return how long that took
   */
  Duration populate(int workloads, int replicas, Duration timeout) throws InterruptedException {
    long t0 = System.nanoTime();
    for (int w = 0; w < workloads; w++) {
      service()
          .apply(
              workloadName(w),
              WorkloadSpec.builder("nginx:1.27").resources(10, 16).replicas(replicas).build());
    }
    long expected = (long) workloads * replicas;
    InstanceFilter running = new InstanceFilter(null, null, InstancePhase.RUNNING);
    long lastReport = t0;
    long count;
    while ((count = service().instances(running).size()) < expected) {
      long now = System.nanoTime();
      if (now - t0 > timeout.toNanos()) {
        throw new IllegalStateException(
            count + " of " + expected + " instances running after " + timeout);
      }
      if (now - lastReport > Duration.ofSeconds(5).toNanos()) {
        lastReport = now;
        System.out.printf(
            "  ... %d of %d running after %.0f s%n", count, expected, (now - t0) / 1e9);
      }
      Thread.sleep(250);
    }
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  static String workloadName(int index) {
    return "w" + index;
  }

  OrchestratorService service() {
    return server.service();
  }

  URI baseUri() {
    return server.baseUri();
  }

  String token() {
    return token;
  }

  int nodes() {
    return agents.size() + 1;
  }

  @Override
  public void close() {
    try {
      for (NodeAgent agent : agents) {
        agent.close();
      }
      executors.shutdown(1_000);
    } finally {
      server.close();
    }
  }
}
