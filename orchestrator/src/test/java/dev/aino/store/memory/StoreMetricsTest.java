package dev.aino.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.metrics.Metrics;
import dev.aino.metrics.StoreOperation;
import dev.aino.store.ObjectKind;
import dev.aino.testing.CountingMetrics;
import dev.aino.testing.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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

  @Test
  void eachOperationReportsTheTimeItTookNotMore() {
    List<Map.Entry<StoreOperation, Long>> reported = new CopyOnWriteArrayList<>();
    try (InMemoryStateStore store = new InMemoryStateStore()) {
      store.reportTo(
          new Metrics() {
            @Override
            public void storeOperation(String backend, StoreOperation operation, long nanos) {
              reported.add(Map.entry(operation, nanos));
            }
          });
      long started = System.nanoTime();
      store.create(Fixtures.workload("web"));
      store.get(ObjectKind.WORKLOADS, "web");
      store.list(ObjectKind.WORKLOADS);
      long elapsed = System.nanoTime() - started;

      assertThat(reported)
          .extracting(Map.Entry::getKey)
          .containsExactly(StoreOperation.COMMIT, StoreOperation.GET, StoreOperation.RANGE);
      assertThat(reported).allSatisfy(r -> assertThat(r.getValue()).isBetween(0L, elapsed));
    }
  }
}
