package dev.aino.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceUsageTest {
  private static final Instance WEB = running("a1");

  private static Instance running(String suffix) {
    return Fixtures.instance("web", suffix).toBuilder()
        .node("n1")
        .phase(InstancePhase.RUNNING)
        .build();
  }

  private static InstanceUsage over(Duration window) {
    return InstanceUsage.of(WEB, "c1", 470, 1024, 2, window, Instant.parse("2026-12-07T10:00:01Z"));
  }

  @Test
  void aCpuFigureCountsOnlyOverTwoQuotaPeriodsOrMore() {
    assertThat(over(Duration.ZERO).measured()).isFalse();
    // A few milliseconds can hold a whole period's quota: a rate over them means nothing.
    assertThat(over(Duration.ofMillis(5)).measured()).isFalse();
    assertThat(over(InstanceUsage.MIN_CPU_SPAN.minusNanos(1)).measured()).isFalse();
    assertThat(over(InstanceUsage.MIN_CPU_SPAN).measured()).isTrue();
    assertThat(over(Duration.ofSeconds(30)).measured()).isTrue();
  }

  @Test
  void aWorkloadLeavesAnInstanceMeasuredTooBrieflyOutOfItsAverage() {
    InstanceUsage steady =
        InstanceUsage.of(WEB, "c1", 100, 1024, 7, Duration.ofSeconds(30), Instant.now());
    WorkloadUsage usage =
        WorkloadUsage.measure(
            List.of(WEB, running("a2")),
            i -> i.id().equals("web-a1") ? steady : over(Duration.ofMillis(5)));

    assertThat(usage.instances()).isEqualTo(1);
    assertThat(usage.unmeasured()).isEqualTo(1);
    assertThat(usage.cpuMillis()).isEqualTo(100);
  }
}
