package dev.aino.scheduler;

import static dev.aino.scheduler.SchedulerFixtures.SPREAD;
import static dev.aino.scheduler.SchedulerFixtures.node;
import static dev.aino.scheduler.SchedulerFixtures.request;
import static dev.aino.scheduler.SchedulerFixtures.running;
import static dev.aino.scheduler.SchedulerFixtures.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aino.model.Node;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RankersTest {
  private static final Node NODE = node("n1", 4000, 8192);

  static Stream<Arguments> bestFit() {
    return Stream.of(
        // allocated cpu, allocated memory, request cpu, request memory, bin-pack, spread
        Arguments.of(0, 0, 0, 0, 0.0, 1.0), // stays empty: 20 - (10 + 10)
        Arguments.of(0, 0, 4000, 8192, 1.0, 0.0), // filled exactly: 20 - (1 + 1)
        Arguments.of(1000, 2048, 1000, 2048, 0.75975, 0.24025), // half free: 10^0.5 twice
        Arguments.of(3000, 0, 1000, 0, 0.5, 0.5), // cpu full, memory empty: 20 - (1 + 10)
        Arguments.of(0, 0, 400, 819, 0.22850, 0.77150), // 90% free: 10^0.9 twice
        Arguments.of(5000, 9000, 0, 0, 1.0, 0.0)); // over-committed counts as full
  }

  @ParameterizedTest(name = "[{index}] {0}m/{1}MiB allocated + {2}m/{3}MiB -> {4} / {5}")
  @MethodSource("bestFit")
  void bestFitScoresAsNomad(
      long allocatedCpu,
      long allocatedMemory,
      long cpu,
      long memory,
      double binPack,
      double spread) {
    NodeView node = view(NODE, allocatedCpu, allocatedMemory);
    assertThat(BestFit.binPack(node, cpu, memory)).isCloseTo(binPack, within(1e-4));
    assertThat(BestFit.spread(node, cpu, memory)).isCloseTo(spread, within(1e-4));
  }

  @Test
  void binPackPrefersTheFullerNodeAndSpreadTheEmptier() {
    NodeView fuller = view(NODE, 3000, 6000);
    NodeView emptier = view(NODE, 500, 1000);
    FitRanker ranker = new FitRanker();
    PlacementRequest binPack = request("w-a", 500, 1000);
    PlacementRequest spread = request("w-a", 500, 1000, SPREAD);

    assertThat(ranker.score(fuller, binPack)).isGreaterThan(ranker.score(emptier, binPack));
    assertThat(ranker.score(emptier, spread)).isGreaterThan(ranker.score(fuller, spread));
  }

  @Test
  void zeroAllocatableScoresAsFullWithoutDividingByZero() {
    assertThat(BestFit.freeFraction(0, 0)).isEqualTo(0.0);
    assertThat(BestFit.freeFraction(100, 150)).isEqualTo(0.0);
    assertThat(BestFit.freeFraction(100, 0)).isEqualTo(1.0);
  }

  static Stream<Arguments> antiAffinity() {
    return Stream.of(
        // node, its score for another replica of "web"
        Arguments.of("a", -1.0), // holds the most (2)
        Arguments.of("b", -0.5), // holds 1 of at most 2
        Arguments.of("c", 0.0)); // holds none; "db" replicas do not count
  }

  @ParameterizedTest(name = "[{index}] node {0} -> {1}")
  @MethodSource("antiAffinity")
  void antiAffinityPenalisesInProportionToReplicasHeld(String nodeName, double expected) {
    ClusterSnapshot snapshot =
        ClusterSnapshot.of(
            List.of(node("a", 4000, 8192), node("b", 4000, 8192), node("c", 4000, 8192)),
            List.of(
                running("web-1", "a", 100, 100),
                running("web-2", "a", 100, 100),
                running("web-3", "b", 100, 100),
                running("db-1", "c", 100, 100)));
    NodeView node = snapshot.nodeAt(snapshot.nodes().indexOf(snapshot.node(nodeName)));

    assertThat(new AntiAffinityRanker(snapshot).score(node, request("web-4", 100, 100)))
        .isEqualTo(expected);
  }

  @Test
  void antiAffinityIgnoresTheFirstReplica() {
    ClusterSnapshot snapshot = ClusterSnapshot.of(List.of(NODE), List.of());
    assertThat(new AntiAffinityRanker(snapshot).score(snapshot.nodeAt(0), request("w-a", 1, 1)))
        .isZero();
  }
}
