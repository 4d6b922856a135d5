package dev.aino.scheduler;

import static dev.aino.scheduler.SchedulerFixtures.node;
import static dev.aino.scheduler.SchedulerFixtures.running;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.Instance;
import dev.aino.model.NetworkMode;
import dev.aino.model.Node;
import dev.aino.model.Placement;
import dev.aino.model.PortBinding;
import dev.aino.model.PortSpec;
import dev.aino.model.Protocol;
import dev.aino.model.Rejections;
import dev.aino.model.Resources;
import dev.aino.model.RuntimeInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Host ports as a scheduling resource, and the network mode each placement resolves. */
class PortSchedulingTest {
  private static final RuntimeInfo BRIDGED = new RuntimeInfo("runc", "1.1", true, true);
  private static final RuntimeInfo HOST_ONLY = new RuntimeInfo("process", "", false, false);
  private final Scheduler scheduler = new Scheduler(SchedulerConfig.defaults());

  private static Node bridged(String name, long cpu, long memory) {
    return node(name, cpu, memory).withHeartbeat(Instant.EPOCH, BRIDGED);
  }

  private static PlacementRequest web(String id, NetworkMode network, PortSpec... ports) {
    return new PlacementRequest(
        id, "web", Resources.of(100, 64), Placement.DEFAULT, network, List.of(ports));
  }

  private static Instance holding(String id, String node, PortBinding... ports) {
    return running(id, node, 100, 64).toBuilder().ports(List.of(ports)).build();
  }

  @Test
  void aTakenStaticHostPortMakesTheNodeInfeasibleAndThePendingMessageSaysSo() {
    List<Node> nodes =
        List.of(bridged("a", 4000, 4096), bridged("b", 4000, 4096), bridged("c", 4000, 32));
    List<Instance> instances =
        List.of(
            holding("api-1", "a", new PortBinding("http", 80, 8080, Protocol.TCP)),
            holding("api-2", "b", new PortBinding("http", 80, 8080, Protocol.TCP)));
    PlacementRequest request = web("web-1", null, new PortSpec("http", 8080, 8080, Protocol.TCP));

    SchedulingResult result =
        scheduler.schedule(ClusterSnapshot.of(nodes, instances), List.of(request));

    assertThat(result.placed()).isEmpty();
    FitReport report = result.unplaced().get(0).report();
    assertThat(report.rejections())
        .containsEntry(Rejections.portInUse(Protocol.TCP, 8080), 2)
        .containsEntry(Rejections.INSUFFICIENT_MEMORY, 1);
    assertThat(report.message())
        .isEqualTo("0/3 nodes fit: 2 port 8080 in use, 1 insufficient memory");
    assertThat(Rejections.isPortInUse(Rejections.portInUse(Protocol.TCP, 8080))).isTrue();
  }

  @Test
  void theSamePortOfTheOtherProtocolIsFree() {
    List<Instance> instances =
        List.of(holding("dns-1", "a", new PortBinding("dns", 53, 5353, Protocol.UDP)));
    SchedulingResult result =
        scheduler.schedule(
            ClusterSnapshot.of(List.of(bridged("a", 4000, 4096)), instances),
            List.of(web("web-1", null, new PortSpec("dns", 53, 5353, Protocol.TCP))));
    assertThat(result.placed()).hasSize(1);
  }

  @Test
  void staticPortsTakenInOnePassAreNotGivenTwice() {
    SchedulingResult result =
        scheduler.schedule(
            ClusterSnapshot.of(
                List.of(bridged("a", 4000, 4096), bridged("b", 4000, 4096)), List.of()),
            List.of(
                web("web-1", null, new PortSpec("http", 80, 8080, null)),
                web("web-2", null, new PortSpec("http", 80, 8080, null)),
                web("web-3", null, new PortSpec("http", 80, 8080, null))));
    assertThat(result.placed())
        .extracting(PlacementDecision::node)
        .containsExactlyInAnyOrder("a", "b");
    assertThat(result.unplaced().get(0).report().message())
        .isEqualTo("0/2 nodes fit: 2 port 8080 in use");
  }

  @Test
  void dynamicPortsComeFromTheRangeAndAreNeverGivenTwiceOnANode() {
    List<Node> nodes = List.of(bridged("a", 100_000, 100_000));
    List<Instance> instances = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    // Two passes: the second sees the first's ports only through the instances it recorded.
    for (int pass = 0; pass < 2; pass++) {
      List<PlacementRequest> requests = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        requests.add(
            web(
                "web-p" + pass + "i" + i,
                NetworkMode.BRIDGE,
                new PortSpec("http", 8080, null, null),
                new PortSpec("metrics", 9090, null, null)));
      }
      SchedulingResult result = scheduler.schedule(ClusterSnapshot.of(nodes, instances), requests);
      assertThat(result.unplaced()).isEmpty();
      for (PlacementDecision d : result.placed()) {
        assertThat(d.network()).isEqualTo(NetworkMode.BRIDGE);
        assertThat(d.ports()).extracting(PortBinding::name).containsExactly("http", "metrics");
        for (PortBinding b : d.ports()) {
          assertThat(b.hostPort()).isBetween(HostPorts.DYNAMIC_MIN, HostPorts.DYNAMIC_MAX);
          assertThat(seen.add(b.hostPort())).as("port %d given twice", b.hostPort()).isTrue();
        }
        instances.add(holding(d.instanceId(), "a", d.ports().toArray(PortBinding[]::new)));
      }
    }
    assertThat(seen).hasSize(200);
  }

  @Test
  void theDefaultNetworkIsBridgeWhereTheRuntimeOffersItAndHostElsewhere() {
    PortSpec http = new PortSpec("http", 8080, null, null);
    ClusterSnapshot bridgedNode = ClusterSnapshot.of(List.of(bridged("a", 4000, 4096)), List.of());
    PlacementDecision onBridge =
        scheduler.schedule(bridgedNode, List.of(web("web-1", null, http))).placed().get(0);
    assertThat(onBridge.network()).isEqualTo(NetworkMode.BRIDGE);
    assertThat(onBridge.ports().get(0).hostPort()).isBetween(20_000, 32_000);

    Node processNode = node("p", 4000, 4096).withHeartbeat(Instant.EPOCH, HOST_ONLY);
    ClusterSnapshot hostNode = ClusterSnapshot.of(List.of(processNode), List.of());
    SchedulingResult onHost =
        scheduler.schedule(hostNode, List.of(web("web-1", null, http), web("web-2", null, http)));
    // On the node's own network the container port is the host port: one replica fits.
    assertThat(onHost.placed()).hasSize(1);
    assertThat(onHost.placed().get(0).network()).isEqualTo(NetworkMode.HOST);
    assertThat(onHost.placed().get(0).ports().get(0).hostPort()).isEqualTo(8080);
    assertThat(onHost.unplaced().get(0).report().message())
        .isEqualTo("0/1 nodes fit: 1 port 8080 in use");
  }

  @Test
  void bridgeOnANodeWithoutItIsAClearRejection() {
    Node processNode = node("p", 4000, 4096).withHeartbeat(Instant.EPOCH, HOST_ONLY);
    SchedulingResult result =
        scheduler.schedule(
            ClusterSnapshot.of(List.of(processNode, node("q", 4000, 4096)), List.of()),
            List.of(web("web-1", NetworkMode.BRIDGE)));
    assertThat(result.unplaced().get(0).report().message())
        .isEqualTo("0/2 nodes fit: 2 " + Rejections.NO_BRIDGE_NETWORK);
  }

  @Test
  void aFullDynamicRangeIsReported() {
    PortBinding[] all = new PortBinding[HostPorts.DYNAMIC_MAX - HostPorts.DYNAMIC_MIN + 1];
    for (int i = 0; i < all.length; i++) {
      all[i] = new PortBinding("p", 1, HostPorts.DYNAMIC_MIN + i, Protocol.TCP);
    }
    SchedulingResult result =
        scheduler.schedule(
            ClusterSnapshot.of(
                List.of(bridged("a", 4000, 4096)), List.of(holding("x-1", "a", all))),
            List.of(web("web-1", null, new PortSpec("http", 80, null, null))));
    assertThat(result.unplaced().get(0).report().message())
        .isEqualTo("0/1 nodes fit: 1 " + Rejections.NO_FREE_DYNAMIC_PORT);
  }
}
