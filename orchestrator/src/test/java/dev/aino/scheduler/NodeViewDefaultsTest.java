package dev.aino.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.NetworkMode;
import dev.aino.model.Node;
import dev.aino.model.NodeStatus;
import dev.aino.model.Placement;
import dev.aino.model.PortSpec;
import dev.aino.model.Protocol;
import dev.aino.model.Rejections;
import dev.aino.model.Resources;
import dev.aino.model.RuntimeInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link NodeView} is what feasibility checkers and rankers read; a view that implements only the
 * required methods (the node, what is allocated, replicas) gets the rest from its defaults. They
 * must read the node's allocatable, not its capacity, and may go negative on an over-committed
 * node. The port check reads a view's free dynamic ports per protocol.
 */
class NodeViewDefaultsTest {
  private static final Node NODE =
      new Node(
          "n1",
          "",
          Map.of(),
          Resources.of(8000, 16384),
          Resources.of(6000, 12288),
          NodeStatus.SUSPECT,
          false,
          null,
          null,
          null,
          0);

  /** Implements only what a view must; everything else comes from the interface. */
  private record MinimalView(Node node, long allocatedCpuMillis, long allocatedMemoryMiB)
      implements NodeView {
    @Override
    public int replicasOf(String workload) {
      return 0;
    }
  }

  @Test
  void statusAndSchedulabilityAreTheNodes() {
    NodeView view = new MinimalView(NODE, 0, 0);

    assertThat(view.status()).isEqualTo(NodeStatus.SUSPECT);
    assertThat(view.schedulable()).isFalse();
    assertThat(new MinimalView(Node.of("n2", Resources.of(1000, 1024)), 0, 0).schedulable())
        .isTrue();
  }

  @Test
  void allocatableIsWhatAinoMayHandOutNotTheHostsCapacity() {
    NodeView view = new MinimalView(NODE, 0, 0);

    assertThat(view.allocatableCpuMillis()).isEqualTo(6000);
    assertThat(view.allocatableMemoryMiB()).isEqualTo(12288);
  }

  @Test
  void freeIsAllocatableMinusAllocatedAndNegativeWhenOverCommitted() {
    assertThat(new MinimalView(NODE, 1500, 2048).freeCpuMillis()).isEqualTo(4500);
    assertThat(new MinimalView(NODE, 1500, 2048).freeMemoryMiB()).isEqualTo(10240);
    assertThat(new MinimalView(NODE, 7000, 13000).freeCpuMillis()).isEqualTo(-1000);
    assertThat(new MinimalView(NODE, 7000, 13000).freeMemoryMiB()).isEqualTo(-712);
  }

  @Test
  void aViewThatTracksNoPortsHasEveryPortFree() {
    NodeView view = new MinimalView(NODE, 0, 0);

    assertThat(view.portInUse(Protocol.TCP, 8080)).isFalse();
    assertThat(view.freeDynamicPorts(Protocol.UDP, 3)).isEqualTo(3);
    assertThat(view.freeDynamicPorts(Protocol.TCP, 0)).isZero();
  }

  /** A bridged node with {@code freeTcp} and {@code freeUdp} ports left in the dynamic range. */
  private record DynamicPortsView(Node node, int freeTcp, int freeUdp) implements NodeView {
    @Override
    public long allocatedCpuMillis() {
      return 0;
    }

    @Override
    public long allocatedMemoryMiB() {
      return 0;
    }

    @Override
    public int replicasOf(String workload) {
      return 0;
    }

    @Override
    public int freeDynamicPorts(Protocol protocol, int n) {
      return Math.min(n, protocol == Protocol.UDP ? freeUdp : freeTcp);
    }
  }

  private static DynamicPortsView bridged(int freeTcp, int freeUdp) {
    Node node =
        Node.of("n1", Resources.of(1000, 1024))
            .withHeartbeat(Instant.EPOCH, new RuntimeInfo("runc", "1.1", true, true));
    return new DynamicPortsView(node, freeTcp, freeUdp);
  }

  private static PlacementRequest dynamic(Protocol... protocols) {
    List<PortSpec> ports = new java.util.ArrayList<>();
    for (int i = 0; i < protocols.length; i++) {
      ports.add(new PortSpec("p" + i, 1000 + i, null, protocols[i]));
    }
    return new PlacementRequest(
        "web-1", "web", Resources.of(100, 64), Placement.DEFAULT, NetworkMode.BRIDGE, ports);
  }

  @Test
  void dynamicPortsAreCountedPerProtocolAgainstWhatIsFreeOfThatProtocol() {
    PortChecker ports = new PortChecker();

    // Two UDP ports need two free UDP ports; free TCP ports do not help.
    assertThat(ports.reject(bridged(100, 2), dynamic(Protocol.UDP, Protocol.UDP))).isNull();
    assertThat(ports.reject(bridged(100, 1), dynamic(Protocol.UDP, Protocol.UDP)))
        .isEqualTo(Rejections.NO_FREE_DYNAMIC_PORT);
    // And the other way round.
    assertThat(ports.reject(bridged(2, 0), dynamic(Protocol.TCP, Protocol.TCP))).isNull();
    assertThat(ports.reject(bridged(1, 100), dynamic(Protocol.TCP, Protocol.TCP)))
        .isEqualTo(Rejections.NO_FREE_DYNAMIC_PORT);
    // One of each fits exactly one free port of each; none of either fails it.
    assertThat(ports.reject(bridged(1, 1), dynamic(Protocol.TCP, Protocol.UDP))).isNull();
    assertThat(ports.reject(bridged(1, 0), dynamic(Protocol.TCP, Protocol.UDP)))
        .isEqualTo(Rejections.NO_FREE_DYNAMIC_PORT);
    assertThat(ports.reject(bridged(0, 1), dynamic(Protocol.TCP, Protocol.UDP)))
        .isEqualTo(Rejections.NO_FREE_DYNAMIC_PORT);
    // A request with no dynamic port needs none free.
    assertThat(ports.reject(bridged(0, 0), dynamic())).isNull();
  }
}
