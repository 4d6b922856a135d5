package dev.aino.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.Placement;
import dev.aino.model.PlacementStrategy;
import dev.aino.model.Resources;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CapacityIndexTest {
  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  /**
   * On random clusters, through random assignments, {@code next} finds the same position as a scan
   * of the visit order that applies the node filters and compares free amounts.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void findsWhatAScanFinds(long seed) {
    RandomCase c = new RandomCase(seed);
    Random random = new Random(seed);
    ClusterSnapshot snapshot = c.snapshot();
    PlacementStages stages = PlacementStages.standard(snapshot);
    VisitOrder order = new VisitOrder(snapshot.nodeCount(), seed);
    Placement placement =
        random.nextBoolean()
            ? Placement.DEFAULT
            : new Placement(Map.of("zone", "a"), PlacementStrategy.SPREAD);
    PlacementRequest selector = new PlacementRequest("w-x", "w", Resources.ZERO, placement);
    CapacityIndex index =
        new CapacityIndex(snapshot, order, new FilterVerdicts(stages, snapshot, selector));

    for (int step = 0; step < 100; step++) {
      long cpu = random.nextInt(8) * 500L;
      long memory = random.nextInt(8) * 2048L;
      int from = random.nextInt(order.size() + 1);
      int expected = order.size();
      for (int p = from; p < order.size(); p++) {
        NodeState node = snapshot.nodeAt(order.nodeAt(p));
        if (stages.filterOut(node, selector) == null
            && node.freeCpuMillis() >= cpu
            && node.freeMemoryMiB() >= memory) {
          expected = p;
          break;
        }
      }
      assertThat(index.next(from, cpu, memory))
          .as("seed %d, step %d: next(%d, %d, %d)", seed, step, from, cpu, memory)
          .isEqualTo(expected);
      if (order.size() > 0) {
        int nodeIndex = random.nextInt(order.size());
        snapshot.charge(nodeIndex, "w", Resources.of(random.nextInt(1000), random.nextInt(4096)));
        index.update(order.positionOf(nodeIndex), snapshot.nodeAt(nodeIndex));
      }
    }
  }
}
