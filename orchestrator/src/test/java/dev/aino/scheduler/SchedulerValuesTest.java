package dev.aino.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import dev.aino.model.NetworkMode;
import dev.aino.model.Rejections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scheduler's small values: its settings, a decision, a result and an unplaced instance. */
class SchedulerValuesTest {
  private static final FitReport NONE_FIT =
      new FitReport(2, 0, Map.of(Rejections.INSUFFICIENT_CPU, 2));

  @Test
  void theDefaultsAndWithersOfTheSettings() {
    SchedulerConfig d = SchedulerConfig.defaults();
    assertThat(d).isEqualTo(new SchedulerConfig(0, CandidateLimit.DEFAULT, 3));
    assertThat(d.withSeed(9)).isEqualTo(new SchedulerConfig(9, CandidateLimit.DEFAULT, 3));
    assertThat(d.withCandidateLimit(CandidateLimit.fixed(4)))
        .isEqualTo(new SchedulerConfig(0, CandidateLimit.fixed(4), 3));
  }

  @Test
  void aResultFindsTheNodeOfAnInstance() {
    SchedulingResult result =
        new SchedulingResult(
            List.of(
                new PlacementDecision("web-a", "node-1", 1.0, NetworkMode.HOST, null),
                new PlacementDecision("web-b", "node-2", 0.5, NetworkMode.HOST, List.of())),
            List.of());
    assertThat(result.nodeOf("web-a")).contains("node-1");
    assertThat(result.nodeOf("web-b")).contains("node-2");
    assertThat(result.nodeOf("web-c")).isEmpty();
    assertThat(result.allPlaced()).isTrue();
    assertThat(result.placed().get(0).ports()).isEmpty();

    SchedulingResult partly =
        new SchedulingResult(List.of(), List.of(new Unplaced("web-c", NONE_FIT)));
    assertThat(partly.allPlaced()).isFalse();
    assertThatThrownBy(() -> new SchedulingResult(null, List.of()))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("placed"));
    assertThatThrownBy(() -> new PlacementDecision("web-a", null, 1, NetworkMode.HOST, null))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("node"));
  }

  @Test
  void anUnplacedInstanceNeedsAReportThatNothingFits() {
    assertThat(new Unplaced("web-c", NONE_FIT).report()).isEqualTo(NONE_FIT);
    FitReport oneFits = new FitReport(2, 1, Map.of(Rejections.INSUFFICIENT_CPU, 1));
    assertThatThrownBy(() -> new Unplaced("web-c", oneFits))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("report"))
        .hasMessageContaining("must show that no node fits, got \"" + oneFits.message() + "\"");
    assertThatThrownBy(() -> new Unplaced("web-c", null))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("report"));
    assertThatThrownBy(() -> new Unplaced("Web C", NONE_FIT))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("instanceId"));
  }
}
