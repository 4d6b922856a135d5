package dev.aino.scheduler;

import static dev.aino.scheduler.SchedulerFixtures.node;
import static dev.aino.scheduler.SchedulerFixtures.request;
import static dev.aino.scheduler.SchedulerFixtures.view;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.Node;
import dev.aino.model.NodeStatus;
import dev.aino.model.Placement;
import dev.aino.model.PlacementStrategy;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FeasibilityCheckersTest {
  private static final Node PLAIN = node("n1", 4000, 8192);

  static Stream<Arguments> cases() {
    Placement ssd = new Placement(Map.of("disk", "ssd"), PlacementStrategy.BINPACK);
    Placement ssdZoneA =
        new Placement(Map.of("disk", "ssd", "zone", "a"), PlacementStrategy.BINPACK);
    Node ssdNode = node("n1", 4000, 8192, Map.of("disk", "ssd"), NodeStatus.READY, true);
    Node hddNode = node("n1", 4000, 8192, Map.of("disk", "hdd"), NodeStatus.READY, true);
    return Stream.of(
        // checker, node, allocated cpu, allocated memory, request, expected reason
        Arguments.of(new NodeReadyChecker(), PLAIN, 0, 0, request("w-a", 1, 1), null),
        Arguments.of(
            new NodeReadyChecker(),
            PLAIN.withStatus(NodeStatus.SUSPECT),
            0,
            0,
            request("w-a", 1, 1),
            "not ready"),
        Arguments.of(
            new NodeReadyChecker(),
            PLAIN.withStatus(NodeStatus.DOWN),
            0,
            0,
            request("w-a", 1, 1),
            "not ready"),
        Arguments.of(new SchedulableChecker(), PLAIN, 0, 0, request("w-a", 1, 1), null),
        Arguments.of(
            new SchedulableChecker(),
            PLAIN.withSchedulable(false),
            0,
            0,
            request("w-a", 1, 1),
            "cordoned"),
        Arguments.of(new NodeSelectorChecker(), PLAIN, 0, 0, request("w-a", 1, 1), null),
        Arguments.of(new NodeSelectorChecker(), ssdNode, 0, 0, request("w-a", 1, 1, ssd), null),
        Arguments.of(
            new NodeSelectorChecker(),
            hddNode,
            0,
            0,
            request("w-a", 1, 1, ssd),
            "node selector mismatch"),
        Arguments.of(
            new NodeSelectorChecker(),
            PLAIN,
            0,
            0,
            request("w-a", 1, 1, ssd),
            "node selector mismatch"),
        Arguments.of(
            new NodeSelectorChecker(),
            ssdNode,
            0,
            0,
            request("w-a", 1, 1, ssdZoneA),
            "node selector mismatch"),
        Arguments.of(new CpuChecker(), PLAIN, 3000, 0, request("w-a", 1000, 1), null),
        Arguments.of(new CpuChecker(), PLAIN, 3001, 0, request("w-a", 1000, 1), "insufficient cpu"),
        Arguments.of(new CpuChecker(), PLAIN, 5000, 0, request("w-a", 0, 1), "insufficient cpu"),
        Arguments.of(new CpuChecker(), PLAIN, 0, 9000, request("w-a", 1000, 1), null),
        Arguments.of(new MemoryChecker(), PLAIN, 0, 7192, request("w-a", 1, 1000), null),
        Arguments.of(
            new MemoryChecker(), PLAIN, 0, 7193, request("w-a", 1, 1000), "insufficient memory"),
        Arguments.of(new MemoryChecker(), PLAIN, 9000, 0, request("w-a", 1, 8192), null));
  }

  @ParameterizedTest(name = "[{index}] {0} on {1} with {2}m/{3}MiB allocated, {4} -> {5}")
  @MethodSource("cases")
  void rejectsWithItsReason(
      FeasibilityChecker checker,
      Node node,
      long allocatedCpu,
      long allocatedMemory,
      PlacementRequest request,
      String expected) {
    assertThat(checker.reject(view(node, allocatedCpu, allocatedMemory), request))
        .isEqualTo(expected);
  }
}
