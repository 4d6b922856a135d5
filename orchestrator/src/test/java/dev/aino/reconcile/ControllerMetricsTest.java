package dev.aino.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.Instance;
import dev.aino.model.Workload;
import dev.aino.scheduler.Scheduler;
import dev.aino.scheduler.SchedulerConfig;
import dev.aino.store.FencedStateStore;
import dev.aino.store.FencingToken;
import dev.aino.store.memory.InMemoryStateStore;
import dev.aino.testing.Await;
import dev.aino.testing.CountingMetrics;
import dev.aino.testing.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the controller reports to the metrics: placements per pass, how each reconcile ended, and
 * its work queue, both when everything is written and when the store refuses every write.
 */
class ControllerMetricsTest {
  private static final ControllerConfig CONFIG =
      ControllerConfig.defaults()
          .withSeed(3)
          .withWorkers(1)
          .withNodeTimeouts(
              Duration.ofMillis(50),
              Duration.ofSeconds(30),
              Duration.ofSeconds(60),
              Duration.ofSeconds(90));

  private final InMemoryStateStore store = new InMemoryStateStore();
  private final CountingMetrics metrics = new CountingMetrics();
  private Controller controller;

  @AfterEach
  void close() {
    if (controller != null) {
      controller.close();
    }
    store.close();
  }

  private Controller start(dev.aino.store.StateStore through) {
    controller =
        new Controller(
            through,
            new Scheduler(SchedulerConfig.defaults()),
            CONFIG,
            Clock.systemUTC(),
            () -> true,
            metrics,
            MemberView.NONE);
    return controller.start();
  }

  @Test
  void placementsAndSuccessfulReconcilesAreCountedAndTheQueueDrains() {
    store.create(Fixtures.node("n1"));
    store.create(Workload.create("web", Fixtures.spec(3), Fixtures.T0));

    start(store);

    Await.until(
        "three instances placed and the controller idle",
        () ->
            store.instancesOf("web").size() == 3
                && store.instancesOf("web").stream().allMatch(i -> i.node() != null)
                && metrics.count("scheduling placed") == 3
                && controller.isIdle());
    assertThat(metrics.count("scheduling unschedulable")).isZero();
    assertThat(metrics.count("scheduling conflicts")).isZero();
    assertThat(metrics.count("scheduling empty"))
        .as("passes reported with nothing in them")
        .isZero();
    assertThat(metrics.count("reconciled success")).isPositive();
    assertThat(controller.reconciles()).isEqualTo(metrics.count("reconciled success"));
    assertThat(metrics.count("reconciled retry")).isZero();
    assertThat(metrics.count("work queue retried")).isZero();
    assertThat(metrics.workQueueDepth()).isZero();
  }

  @Test
  void anInstanceThatFitsNowhereIsCountedAsUnschedulable() {
    store.create(Fixtures.node("n1")); // 8192 MiB
    store.create(
        Workload.create(
            "big", Fixtures.spec(1).toBuilder().resources(100, 9000).build(), Fixtures.T0));

    start(store);

    Await.until(
        "the pass that finds no node",
        () -> metrics.count("scheduling unschedulable") >= 1 && controller.isIdle());
    assertThat(metrics.count("scheduling placed")).isZero();
    assertThat(store.instancesOf("big")).extracting(Instance::node).containsOnlyNulls();
  }

  @Test
  void aReconcileWhoseWritesAreRefusedIsRetriedAfterABackoffAndCountedAsARetry() {
    store.create(Workload.create("web", Fixtures.spec(2), Fixtures.T0));
    // This server believes it leads, but the store's fence says it holds no term.
    FencedStateStore fenced =
        new FencedStateStore(
            store,
            new FencingToken() {
              @Override
              public String key() {
                return "leader";
              }

              @Override
              public OptionalLong term() {
                return OptionalLong.empty();
              }
            });

    start(fenced);

    Await.until(
        "three refused reconciles, each queued again",
        () -> metrics.count("reconciled retry") >= 3 && metrics.count("work queue retried") >= 3);
    assertThat(metrics.count("reconciled success")).isZero();
    assertThat(controller.reconciles()).isZero();
    assertThat(store.instancesOf("web")).isEmpty();
  }
}
