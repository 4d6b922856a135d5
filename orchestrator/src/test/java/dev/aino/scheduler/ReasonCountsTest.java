package dev.aino.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReasonCountsTest {
  @Test
  void countsEveryReasonPastTheFirstEightSlots() {
    ReasonCounts counts = new ReasonCounts();
    Map<String, Integer> expected = new HashMap<>();
    for (int r = 0; r < 20; r++) {
      counts.add("reason " + r, r + 1);
      expected.put("reason " + r, r + 1);
    }
    counts.add("reason 3", 10);
    expected.put("reason 3", 14);
    assertThat(counts.toMap()).isEqualTo(expected);
  }

  @Test
  void anEqualReasonBuiltAtRunTimeSharesTheSlotOfTheConstant() {
    ReasonCounts counts = new ReasonCounts();
    counts.add("insufficient cpu", 2);
    String built = new StringBuilder("insufficient ").append("cpu").toString();
    counts.add(built, 3);
    assertThat(counts.toMap()).containsExactly(Map.entry("insufficient cpu", 5));
  }

  @Test
  void onlyPositiveCountsAreReported() {
    ReasonCounts counts = new ReasonCounts();
    counts.add("a", 1);
    counts.add("b", 1);
    counts.add("a", -1);
    assertThat(counts.toMap()).containsExactly(Map.entry("b", 1));
  }

  @Test
  void aCopyCountsOnItsOwn() {
    ReasonCounts original = new ReasonCounts();
    original.add("a", 1);
    ReasonCounts copy = original.copy();
    copy.add("a", 1);
    copy.add("b", 1);
    assertThat(original.toMap()).containsExactly(Map.entry("a", 1));
    assertThat(copy.toMap()).isEqualTo(Map.of("a", 2, "b", 1));
  }
}
