package dev.aino.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.Instance;
import dev.aino.testing.Fixtures;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InstanceIdsTest {
  @Test
  void suffixesAreFiveConsonantsOrDigitsThatNoVowelCanTurnIntoAWord() {
    InstanceIds ids = new InstanceIds(new Random(1));
    Set<Character> seen = new HashSet<>();
    for (int n = 0; n < 2000; n++) {
      String suffix = ids.next("web", Set.of());
      assertThat(suffix).matches("[bcdfghjklmnpqrstvwxz2456789]{5}");
      suffix.chars().forEach(c -> seen.add((char) c));
    }
    // Every character of the alphabet is drawn, the last one too.
    assertThat(seen).hasSize(27);
  }

  @Test
  void aSuffixTakenByTheWorkloadIsDrawnAgain() {
    String first = new InstanceIds(new Random(7)).next("web", Set.of());
    InstanceIds ids = new InstanceIds(new Random(7));
    String next = ids.next("web", Set.of("web-" + first));
    assertThat(next).isNotEqualTo(first);
    // Another workload's instance with the same suffix does not take it.
    assertThat(new InstanceIds(new Random(7)).next("web", Set.of("api-" + first))).isEqualTo(first);
    // The suffix makes a valid instance id.
    assertThat(Instance.pending(Fixtures.workload("web"), next, Fixtures.T0).id())
        .isEqualTo("web-" + next);
  }

  @Test
  void aPlanIsEmptyOnlyWhenItWritesNothing() {
    Instance i = Fixtures.instance("web", "a1");
    java.util.List<Instance> none = java.util.List.of();
    assertThat(new Plan(none, none, none, false, "").isEmpty()).isTrue();
    assertThat(new Plan(java.util.List.of(i), none, none, false, "").isEmpty()).isFalse();
    assertThat(new Plan(none, java.util.List.of(i), none, false, "").isEmpty()).isFalse();
    assertThat(new Plan(none, none, java.util.List.of(i), false, "").isEmpty()).isFalse();
    assertThat(new Plan(none, none, none, true, "").isEmpty()).isFalse();
  }
}
