package dev.aino.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.store.ObjectKind;
import dev.aino.testing.CountingMetrics;
import dev.aino.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** Every backend operation is timed and labelled with the backend, once reporting is on. */
class StoreMetricsTest {
  @Test
  void getsRangesAndCommitsAreReportedWithTheBackend() {
    try (InMemoryStateStore store = new InMemoryStateStore()) {
      store.create(Fixtures.workload("before")); // before reporting: not counted
      CountingMetrics metrics = new CountingMetrics();
      store.reportTo(metrics);
      store.create(Fixtures.workload("web"));
      store.get(ObjectKind.WORKLOADS, "web");
      store.get(ObjectKind.WORKLOADS, "missing");
      store.list(ObjectKind.WORKLOADS);
      assertThat(metrics.count("store memory commit")).isEqualTo(1);
      assertThat(metrics.count("store memory get")).isEqualTo(2);
      assertThat(metrics.count("store memory range")).isEqualTo(1);
    }
  }
}
