package dev.aino.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.agent.AgentConfig;
import dev.aino.agent.NodeAgent;
import dev.aino.api.Endpoint;
import dev.aino.api.InstanceFilter;
import dev.aino.api.OrchestratorService;
import dev.aino.api.impl.CoreOrchestratorService;
import dev.aino.image.LocalImages;
import dev.aino.model.DesiredState;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.NetworkMode;
import dev.aino.model.PortSpec;
import dev.aino.model.Protocol;
import dev.aino.model.Resources;
import dev.aino.model.RestartPolicy;
import dev.aino.model.WorkloadSpec;
import dev.aino.reconcile.Controller;
import dev.aino.reconcile.ControllerConfig;
import dev.aino.reconcile.LeaderGate;
import dev.aino.runtime.oci.network.BridgeNetworkConfig;
import dev.aino.scheduler.Scheduler;
import dev.aino.scheduler.SchedulerConfig;
import dev.aino.store.ObjectKind;
import dev.aino.store.StateStore;
import dev.aino.store.WatchEvent;
import dev.aino.store.memory.InMemoryStateStore;
import dev.aino.testing.Await;
import dev.aino.testing.runc.RuncRoot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bridge networking through a whole node agent: the controller places replicas, the agent runs them
 * with real runc and the real CNI plugins, and the test stops, scales down, deletes, and takes the
 * agent away mid-way (closed at once, its containers left running, as after a crash) while the
 * control plane goes on. A new agent on the same data directory recovers. Afterwards nothing is
 * left: no network namespace, veth, iptables rule or host-local lease of any container the
 * instances ever had; and a running instance's address still answers after the agent came back. The
 * bridge and subnet are the test's own, and it deletes the bridge when done.
 */
class OciBridgeAgentTest {
  private static final long PID = ProcessHandle.current().pid();
  private static final String BRIDGE = "ainoa" + (PID % 100_000);
  private static final String PREFIX = "10." + (150 + PID % 50) + "." + (PID / 50 % 256) + ".";
  private static final String SUBNET = PREFIX + "0/24";
  private static final String NODE = "node-a";
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .proxy(HttpClient.Builder.NO_PROXY)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  @TempDir Path dir;
  private StateStore store;
  private Controller controller;
  private OciRuntime runtime;
  private NodeAgent agent;
  private OrchestratorService api;
  private Path image;
  private NetworkLeftovers leftovers;

  /** Every container id any instance ever recorded, from a store watch. */
  private final Set<String> containers = ConcurrentHashMap.newKeySet();

  @BeforeAll
  static void requirePrerequisites() {
    OciTestSupport.requirePrerequisites();
    RuncRoot.binary();
  }

  @BeforeEach
  void start() throws IOException {
    image = BusyboxImages.buildBusybox(dir.resolve("image"));
    leftovers = new NetworkLeftovers(BRIDGE, dir.resolve("cni").resolve("aino-agent-test"));
    store = new InMemoryStateStore();
    store.watch(
        ObjectKind.INSTANCES,
        0,
        e -> {
          if (e instanceof WatchEvent.Put<Instance> put && put.object().containerId() != null) {
            containers.add(put.object().containerId());
          }
        });
    Scheduler scheduler = new Scheduler(SchedulerConfig.defaults());
    controller =
        new Controller(
            store, scheduler, ControllerConfig.defaults(), Clock.systemUTC(), LeaderGate.ALWAYS);
    controller.start();
    startAgent();
    api =
        new CoreOrchestratorService(
            store,
            scheduler,
            Clock.systemUTC(),
            agent.logSource(),
            agent.usageSource(),
            LocalImages.of(List.of(dir.toString())));
  }

  /** An agent and its driver on the test's data directory, as {@code aino up} opens them. */
  private void startAgent() {
    runtime =
        OciRuntime.open(
            OciTestSupport.config(dir.resolve("data")),
            new BusyboxImages(),
            new BridgeNetworkConfig(
                BRIDGE,
                SUBNET,
                BridgeNetworkConfig.DEFAULT_PLUGIN_DIRS,
                dir.resolve("cni"),
                "aino-agent-test"));
    agent =
        new NodeAgent(
            NODE,
            store,
            runtime,
            AgentConfig.builder(Resources.of(4000, 2048))
                .pollInterval(Duration.ofMillis(50))
                .heartbeatInterval(Duration.ofMillis(200))
                .stopGrace(Duration.ofSeconds(1))
                .build(),
            Clock.systemUTC());
    agent.start();
  }

  /** The agent goes away at once; its containers and their networks stay, as after a crash. */
  private void killAgent() {
    agent.close();
    runtime.close();
  }

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.close();
    }
    if (controller != null) {
      controller.close();
    }
    if (runtime != null) {
      runtime.list().forEach(runtime::destroy);
      runtime.close();
    }
  }

  @AfterAll
  static void removeBridgeAndCgroups() throws IOException {
    NetworkLeftovers.run("ip", "link", "delete", BRIDGE);
    OciTestSupport.removeCgroupParent();
  }

  @Test
  void scaleDownStopAndDeleteReleaseEveryNetworkThroughTheAgent() throws Exception {
    api.apply("web", web(3));
    List<Instance> running = awaitRunning("web", 3);
    for (Instance i : running) {
      assertAnswers(i);
    }
    assertThat(api.endpoints("web"))
        .extracting(Endpoint::ip)
        .containsExactlyInAnyOrderElementsOf(running.stream().map(Instance::ip).toList());
    assertThat(leftovers.of(containers)).isNotEmpty(); // the check sees what it looks for

    api.scale("web", 1);
    Instance kept = awaitRunning("web", 1).get(0);
    Set<String> gone = idsOtherThan(kept);
    Await.until(
        "the two stopped replicas to be Terminated without an address",
        Duration.ofSeconds(30),
        () ->
            instances("web").stream()
                    .filter(i -> !i.id().equals(kept.id()))
                    .filter(i -> i.phase() == InstancePhase.TERMINATED && i.ip() == null)
                    .count()
                == 2);
    assertThat(leftovers.namedAfter(gone)).isEmpty();
    assertOnlyTheirsRemain(List.of(kept));
    assertAnswers(kept);

    api.delete("web");
    Await.until("web to be deleted", Duration.ofSeconds(30), () -> store.workload("web").isEmpty());
    assertThat(leftovers.of(containers)).isEmpty();
    assertThat(leftovers.rulesOfAddresses(PREFIX)).isEmpty();
  }

  @Test
  void anAgentKilledMidwayIsCleanedUpAfterByTheNextAndRunningAddressesStillAnswer()
      throws Exception {
    api.apply("keep", web(3));
    List<Instance> before = awaitRunning("keep", 3);
    Instance survivor = before.get(0);
    Instance crashed = before.get(1);

    // The agent dies; meanwhile the control plane scales down, and a container dies with it.
    killAgent();
    RuncRoot runc = new RuncRoot(dir.resolve("data").resolve("runtime").resolve("runc"), dir);
    NetworkLeftovers.run("kill", "-9", Long.toString(runc.initPid(crashed.containerId())));
    api.scale("keep", 2);
    Await.until(
        "the controller to ask one replica to stop",
        () ->
            instances("keep").stream().filter(i -> i.desired() == DesiredState.STOP).count() == 1);
    Instance stopping =
        instances("keep").stream()
            .filter(i -> i.desired() == DesiredState.STOP)
            .findFirst()
            .orElseThrow();

    startAgent();

    // The replica asked to stop is Terminated and released; the crashed one runs in a new
    // container with a new lease, the old one's released; every running one answers.
    List<Instance> after = awaitSettled("keep", 2);
    Map<String, Instance> byId =
        after.stream().collect(Collectors.toMap(Instance::id, i -> i, (a, b) -> a));
    if (!stopping.id().equals(survivor.id())) {
      Instance same = byId.get(survivor.id());
      assertThat(same.containerId()).isEqualTo(survivor.containerId());
      assertThat(same.ip()).isEqualTo(survivor.ip());
    }
    for (Instance i : after) {
      assertAnswers(i);
    }
    Set<String> released =
        containers.stream()
            .filter(id -> after.stream().noneMatch(i -> id.equals(i.containerId())))
            .collect(Collectors.toSet());
    assertThat(released).contains(crashed.containerId(), stopping.containerId());
    assertThat(leftovers.namedAfter(released)).isEmpty();
    assertOnlyTheirsRemain(after);

    // Killed again right after a delete: the next agent finishes it and nothing is left.
    api.delete("keep");
    killAgent();
    startAgent();
    Await.until(
        "keep to be deleted", Duration.ofSeconds(30), () -> store.workload("keep").isEmpty());
    Await.until(
        "no network of keep's containers to be left",
        Duration.ofSeconds(15),
        () -> {
          try {
            return leftovers.of(containers).isEmpty()
                && leftovers.rulesOfAddresses(PREFIX).isEmpty();
          } catch (IOException e) {
            return false;
          }
        });
  }

  /** A busybox httpd answering {@code <instance> <ip>} on its port 8080, bridged. */
  private WorkloadSpec web(int replicas) {
    return WorkloadSpec.builder("rootfs:" + image)
        .command(
            "sh",
            "-c",
            "mkdir -p /www && echo $AINO_INSTANCE $AINO_IP > /www/index.html"
                + " && httpd -p $AINO_PORT_HTTP -h /www"
                + " && trap 'exit 0' TERM && while true; do sleep 1; done")
        .network(NetworkMode.BRIDGE)
        .ports(new PortSpec("http", 8080, null, Protocol.TCP))
        .resources(Resources.of(100, 32))
        .replicas(replicas)
        .restartPolicy(RestartPolicy.ALWAYS)
        .stopGracePeriodSeconds(2)
        .build();
  }

  private List<Instance> instances(String workload) {
    return api.instances(InstanceFilter.ofWorkload(workload));
  }

  private List<Instance> awaitRunning(String workload, int count) {
    return Await.value(
        count + " instance(s) of " + workload + " Running with an address",
        Duration.ofSeconds(60),
        () -> {
          List<Instance> running =
              instances(workload).stream()
                  .filter(i -> i.phase() == InstancePhase.RUNNING && i.ip() != null)
                  .filter(i -> i.desired() == DesiredState.RUN)
                  .toList();
          return running.size() == count ? running : null;
        },
        () -> instances(workload));
  }

  /** {@code count} Running and every other instance of the workload terminal. */
  private List<Instance> awaitSettled(String workload, int count) {
    return Await.value(
        count + " instance(s) of " + workload + " Running and the rest ended",
        Duration.ofSeconds(60),
        () -> {
          List<Instance> all = instances(workload);
          List<Instance> running =
              all.stream()
                  .filter(i -> i.phase() == InstancePhase.RUNNING && i.ip() != null)
                  .toList();
          boolean restEnded =
              all.stream().allMatch(i -> running.contains(i) || i.phase().isTerminal());
          return running.size() == count && restEnded ? running : null;
        },
        () -> instances(workload));
  }

  private Set<String> idsOtherThan(Instance kept) {
    return containers.stream()
        .filter(id -> !id.equals(kept.containerId()))
        .collect(Collectors.toSet());
  }

  /**
   * The bridge holds one veth per running instance and host-local one lease per running address:
   * what a released container had is gone.
   */
  private void assertOnlyTheirsRemain(List<Instance> running) throws IOException {
    assertThat(leftovers.leases())
        .containsExactlyInAnyOrderElementsOf(running.stream().map(i -> "lease " + i.ip()).toList());
    assertThat(leftovers.veths()).hasSize(running.size());
    Set<String> ips = running.stream().map(Instance::ip).collect(Collectors.toSet());
    assertThat(leftovers.rulesOfAddresses(PREFIX))
        .as("iptables rules of released addresses")
        .allMatch(rule -> ips.contains(rule.substring(0, rule.indexOf(' '))));
  }

  /** The instance answers on its own address and on the node port it got. */
  private static void assertAnswers(Instance i) {
    String expected = i.id() + " " + i.ip();
    assertThat(body("http://" + i.ip() + ":8080/")).isEqualTo(expected);
    int hostPort = i.ports().get(0).hostPort();
    assertThat(body("http://127.0.0.1:" + hostPort + "/")).isEqualTo(expected);
  }

  private static String body(String url) {
    return Await.value(
        "an answer from " + url,
        Duration.ofSeconds(15),
        () -> {
          try {
            HttpResponse<String> r =
                HTTP.send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body().strip() : null;
          } catch (IOException e) {
            return null;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
          }
        },
        () -> "no answer");
  }
}
