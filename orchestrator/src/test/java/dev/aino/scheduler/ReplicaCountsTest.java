package dev.aino.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReplicaCountsTest {
  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  /** Random increments agree with a HashMap, through growth and copies. */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void countsAsAMapDoes(long seed) {
    Random random = new Random(seed);
    int nodes = 1 + random.nextInt(300);
    ReplicaCounts counts = new ReplicaCounts();
    Map<Integer, Integer> expected = new HashMap<>();
    ReplicaCounts copy = counts.copy();
    Map<Integer, Integer> expectedInCopy = Map.of();
    int[] returned = new int[400];
    int[] expectedReturned = new int[400];
    for (int step = 0; step < 400; step++) {
      int node = random.nextInt(nodes);
      returned[step] = counts.increment(node);
      expectedReturned[step] = expected.merge(node, 1, Integer::sum);
      if (random.nextInt(50) == 0) {
        copy = counts.copy();
        expectedInCopy = Map.copyOf(expected);
      }
    }
    assertThat(returned)
        .as("seed %d: counts returned by increment", seed)
        .isEqualTo(expectedReturned);
    for (int node = 0; node <= nodes; node++) {
      if (counts.on(node) != expected.getOrDefault(node, 0)
          || copy.on(node) != expectedInCopy.getOrDefault(node, 0)) {
        throw new AssertionError(
            "seed "
                + seed
                + ", node "
                + node
                + ": "
                + counts.on(node)
                + " and "
                + copy.on(node)
                + " in the copy, want "
                + expected.get(node)
                + " and "
                + expectedInCopy.get(node));
      }
    }
    assertThat(counts.most()).as("seed %d", seed).isEqualTo(Collections.max(expected.values()));
  }
}
