package dev.aino.server.join;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.api.NodeSummary;
import dev.aino.error.ErrorCode;
import dev.aino.json.Json;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.NodeStatus;
import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogQuery;
import dev.aino.server.client.AinoClient;
import dev.aino.server.client.ApiException;
import dev.aino.server.testing.AinoJar;
import dev.aino.server.testing.HttpProbe;
import dev.aino.testing.Await;
import dev.aino.testing.etcd.EtcdServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aino agent --join} as a process of its own, against two {@code aino up} processes on one
 * real etcd, all in the servers' SWIM group (simulated runtime, loopback only): the agent runs what
 * is placed on its node and its logs reach the CLI's client through a server; {@code kill -9} of
 * the first server it joined moves it to the second without losing or duplicating an instance;
 * {@code kill -9} of the agent makes its node DOWN and its instances replaced elsewhere; {@code
 * kill -STOP} of an agent past the timeouts, then {@code kill -CONT}, has it stop the containers
 * the control plane replaced meanwhile, so no more than the declared replicas run. Runs in {@code
 * mvn verify}.
 */
class JoinedAgentIT {
  private static final String TOKEN = "joined-agent-it-token";
  private static final Duration START_LIMIT = Duration.ofSeconds(120);
  private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(60);

  @TempDir static Path tmp;

  private static EtcdServer etcd;
  private static AinoJar jar;
  private static final List<Process> processes = new ArrayList<>();
  private static int[] httpPorts;
  private static int[] gossipPorts;

  @BeforeAll
  static void start() throws Exception {
    etcd = new EtcdServer();
    etcd.start();
    jar = AinoJar.find();
    httpPorts = new int[] {AinoJar.freeLoopbackPort(), AinoJar.freeLoopbackPort()};
    gossipPorts = new int[] {AinoJar.freeLoopbackPort(), AinoJar.freeLoopbackPort()};
    for (int i = 0; i < 2; i++) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "up",
                  "--store",
                  "etcd",
                  "--etcd-endpoints",
                  etcd.endpoint(),
                  "--etcd-timeout",
                  "30s",
                  "--leader-lease",
                  "2s",
                  "--data-dir",
                  tmp.resolve("s" + i).toString(),
                  "--runtime",
                  "simulated",
                  "--port",
                  Integer.toString(httpPorts[i]),
                  "--node-name",
                  "s" + i,
                  "--gossip-port",
                  Integer.toString(gossipPorts[i])));
      if (i > 0) {
        args.addAll(List.of("--gossip-seed", "127.0.0.1:" + gossipPorts[0]));
      }
      Path log = tmp.resolve("s" + i + ".log");
      Process server = jar.launch(log, Map.of("AINO_TOKEN", TOKEN), args.toArray(String[]::new));
      processes.add(server);
      awaitHealthy(server, new HttpProbe(AinoJar.loopback(httpPorts[i])), log);
    }
  }

  /** As {@link AinoJar#awaitHealthy}, with the time two cold JVMs on busy cores may need. */
  private static void awaitHealthy(Process server, HttpProbe probe, Path log) {
    Await.value(
        "a server to answer /healthz",
        START_LIMIT,
        () -> {
          assertThat(server.isAlive()).as("alive; log:%n%s", AinoJar.readQuietly(log)).isTrue();
          try {
            return probe.get("/healthz").statusCode() == 200 ? true : null;
          } catch (IOException e) {
            return null;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
          }
        },
        () -> "log:\n" + AinoJar.readQuietly(log));
  }

  @AfterAll
  static void stop() throws Exception {
    for (Process p : processes) {
      AinoJar.stopForcibly(p);
    }
    if (etcd != null) {
      etcd.close();
    }
  }

  private static AinoClient client(int server) {
    return new AinoClient(AinoJar.loopback(httpPorts[server]), TOKEN);
  }

  private static Process agent(String name) throws IOException {
    return agent(name, "edge");
  }

  /** An agent process for node {@code name}, labelled {@code pool=<pool>}. */
  private static Process agent(String name, String pool) throws IOException {
    Process agent =
        jar.launch(
            tmp.resolve(name + ".log"),
            Map.of("AINO_TOKEN", TOKEN),
            "agent",
            "--join",
            AinoJar.loopback(httpPorts[0]).toString(),
            "--join",
            AinoJar.loopback(httpPorts[1]).toString(),
            "--node-name",
            name,
            "--node-label",
            "pool=" + pool,
            "--runtime",
            "simulated",
            "--data-dir",
            tmp.resolve(name).toString(),
            "--port",
            Integer.toString(AinoJar.freeLoopbackPort()),
            "--gossip-port",
            Integer.toString(AinoJar.freeLoopbackPort()),
            "--gossip-seed",
            "127.0.0.1:" + gossipPorts[1]);
    processes.add(agent);
    return agent;
  }

  private static List<Instance> running(int server, String workload, String node, int count) {
    Await.until(
        workload + " to run " + count + " instance(s) on " + node,
        RECOVERY_LIMIT,
        () -> runningOn(server, workload, node).size() == count);
    return runningOn(server, workload, node);
  }

  private static List<Instance> runningOn(int server, String workload, String node) {
    return client(server).instances(workload, null, null).stream()
        .filter(i -> i.phase() == InstancePhase.RUNNING && node.equals(i.node()))
        .toList();
  }

  @Test
  void anAgentProcessSurvivesTheLossOfAServerAndItsOwnLossIsRecovered() throws Exception {
    Process agent = agent("edge-1");
    Await.until(
        "edge-1 to register",
        START_LIMIT,
        () -> client(1).nodes().stream().anyMatch(n -> n.node().name().equals("edge-1")));
    client(1)
        .apply(
            Json.mapper()
                .readTree(
                    "{\"name\":\"edge\",\"spec\":{\"image\":\"busybox\",\"replicas\":3,"
                        + "\"command\":[\"sh\",\"-c\",\"echo edge says hi; sleep infinity\"],"
                        + "\"resources\":{\"cpuMillis\":10,\"memoryMiB\":8},"
                        + "\"placement\":{\"nodeSelector\":{\"pool\":\"edge\"}}}}"));
    List<Instance> first = running(1, "edge", "edge-1", 3);
    assertThat(client(0).logs(first.get(0).id(), LogQuery.all()).lines())
        .extracting(LogLine::text)
        .containsExactly("edge says hi");

    // kill -9 the server the agent talks to first: it carries on through the other.
    AinoJar.stopForcibly(processes.get(0));
    client(1).scale("edge", 4);
    running(1, "edge", "edge-1", 4);
    assertThat(client(1).instances("edge", null, null)).hasSize(4);
    assertThat(runningOn(1, "edge", "edge-1"))
        .extracting(Instance::containerId)
        .containsAll(first.stream().map(Instance::containerId).toList());

    // kill -9 the agent: its node is DOWN, and its instances run on another edge node.
    Process other = agent("edge-2");
    Await.until(
        "edge-2 to register",
        START_LIMIT,
        () -> client(1).nodes().stream().anyMatch(n -> n.node().name().equals("edge-2")));
    long killed = System.nanoTime();
    agent.destroyForcibly();
    Await.until("edge-1 to be DOWN", RECOVERY_LIMIT, () -> statusOf("edge-1") == NodeStatus.DOWN);
    Duration detection = Duration.ofNanos(System.nanoTime() - killed);
    running(1, "edge", "edge-2", 4);
    Duration recovery = Duration.ofNanos(System.nanoTime() - killed);
    System.out.printf(
        "joined agent: kill -9 to DOWN in %d ms, to 4 replicas running elsewhere in %d ms%n",
        detection.toMillis(), recovery.toMillis());
    assertThat(other.isAlive()).isTrue();
    assertThat(
            client(1).instances("edge", null, null).stream()
                .filter(i -> i.phase() == InstancePhase.RUNNING)
                .count())
        .isEqualTo(4);
  }

  @Test
  void aResumedAgentStopsTheContainersTheControlPlaneReplaced() throws Exception {
    Process paused = agent("stop-1", "stop");
    Await.until(
        "stop-1 to register",
        START_LIMIT,
        () -> client(1).nodes().stream().anyMatch(n -> n.node().name().equals("stop-1")));
    client(1)
        .apply(
            Json.mapper()
                .readTree(
                    "{\"name\":\"paused\",\"spec\":{\"image\":\"busybox\",\"replicas\":3,"
                        + "\"command\":[\"sh\",\"-c\",\"echo paused says hi; sleep infinity\"],"
                        + "\"resources\":{\"cpuMillis\":10,\"memoryMiB\":8},"
                        + "\"placement\":{\"nodeSelector\":{\"pool\":\"stop\"}}}}"));
    List<Instance> old = running(1, "paused", "stop-1", 3);
    for (Instance instance : old) {
      // The agent's runtime runs it: its logs come from the container, through a server.
      assertThat(client(1).logs(instance.id(), LogQuery.all()).lines())
          .extracting(LogLine::text)
          .containsExactly("paused says hi");
    }
    Process other = agent("stop-2", "stop");
    Await.until(
        "stop-2 to register",
        START_LIMIT,
        () -> client(1).nodes().stream().anyMatch(n -> n.node().name().equals("stop-2")));

    // kill -STOP the agent past the timeouts: its node is DOWN and its instances run on stop-2,
    // while its own containers, frozen with it, were never told.
    long stopped = System.nanoTime();
    signal(paused, "STOP");
    Await.until("stop-1 to be DOWN", RECOVERY_LIMIT, () -> statusOf("stop-1") == NodeStatus.DOWN);
    Duration detection = Duration.ofNanos(System.nanoTime() - stopped);
    running(1, "paused", "stop-2", 3);
    Duration replaced = Duration.ofNanos(System.nanoTime() - stopped);

    // kill -CONT: the agent learns its instances were replaced and stops their containers.
    long resumed = System.nanoTime();
    signal(paused, "CONT");
    for (Instance instance : old) {
      Await.until(
          "stop-1 to stop the container " + instance.containerId() + " of " + instance.id(),
          RECOVERY_LIMIT,
          () -> containerGone(instance));
    }
    Duration cleaned = Duration.ofNanos(System.nanoTime() - resumed);
    System.out.printf(
        "joined agent: kill -STOP to DOWN in %d ms, to 3 replicas running elsewhere in %d ms;"
            + " kill -CONT to its replaced containers stopped in %d ms%n",
        detection.toMillis(), replaced.toMillis(), cleaned.toMillis());
    assertThat(paused.isAlive()).isTrue();
    assertThat(other.isAlive()).isTrue();
    for (Instance instance : old) {
      assertThat(client(1).instance(instance.id()).phase())
          .as("the replaced instance %s", instance.id())
          .isEqualTo(InstancePhase.LOST);
      assertThat(client(1).events("instance", instance.id(), 20).items())
          .as("the events of %s", instance.id())
          .anyMatch(e -> e.message().contains("stopped stale container " + instance.containerId()));
    }

    // Settled: at no sample do more than the declared 3 run, all on stop-2, and none of the
    // replaced containers comes back on stop-1.
    long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    do {
      List<Instance> running =
          client(1).instances("paused", null, null).stream()
              .filter(i -> i.phase() == InstancePhase.RUNNING)
              .toList();
      assertThat(running).hasSize(3).allMatch(i -> "stop-2".equals(i.node()));
      assertThat(old).allMatch(JoinedAgentIT::containerGone);
      Thread.sleep(200);
    } while (System.nanoTime() < until);
  }

  /**
   * Whether the agent's runtime no longer has the instance's old container: its logs, read from
   * that runtime through a server, are gone with it (a running or merely stopped container still
   * has them).
   */
  private static boolean containerGone(Instance instance) {
    try {
      client(1).logs(instance.id(), LogQuery.all());
      return false;
    } catch (ApiException e) {
      return e.code() == ErrorCode.NOT_FOUND && e.getMessage().contains("is gone from node stop-1");
    }
  }

  /** Sends {@code kill -<name>} to the process this test started, by its own pid. */
  private static void signal(Process process, String name) throws Exception {
    Process kill =
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
            .redirectErrorStream(true)
            .start();
    String out = new String(kill.getInputStream().readAllBytes());
    assertThat(kill.waitFor()).as("kill -%s %d: %s", name, process.pid(), out).isZero();
  }

  private static NodeStatus statusOf(String node) {
    return client(1).nodes().stream()
        .map(NodeSummary::node)
        .filter(n -> n.name().equals(node))
        .findFirst()
        .orElseThrow()
        .status();
  }
}
