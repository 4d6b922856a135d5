package dev.aino.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VisitOrderTest {
  @Test
  void isAPermutationFixedBySeed() {
    VisitOrder order = new VisitOrder(50, 7);
    Set<Integer> seen = new HashSet<>();
    for (int p = 0; p < order.size(); p++) {
      seen.add(order.nodeAt(p));
    }
    assertThat(seen).hasSize(50).allMatch(i -> i >= 0 && i < 50);
    VisitOrder again = new VisitOrder(50, 7);
    VisitOrder other = new VisitOrder(50, 8);
    assertThat(IntStream.range(0, 50).map(again::nodeAt).toArray())
        .containsExactly(IntStream.range(0, 50).map(order::nodeAt).toArray());
    assertThat(IntStream.range(0, 50).map(other::nodeAt).toArray())
        .isNotEqualTo(IntStream.range(0, 50).map(order::nodeAt).toArray());
    assertThat(again.start("web-abc")).isEqualTo(order.start("web-abc"));
  }

  @Test
  void startsSpreadOverAllPositions() {
    VisitOrder order = new VisitOrder(16, 1);
    int[] hits = new int[16];
    for (int i = 0; i < 1600; i++) {
      hits[order.start("web-" + i)]++;
    }
    assertThat(IntStream.of(hits).boxed()).allMatch(h -> h > 50 && h < 150);
    assertThat(new VisitOrder(0, 1).start("web-1")).isZero();
  }
}
