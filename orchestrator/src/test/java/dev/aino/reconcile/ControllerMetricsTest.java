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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A running controller on the memory store, seen through what it writes and what it reports to the
 * metrics: placements per pass, how each reconcile ended, its work queue, when it looks at the
 * cluster again, both when everything is written and when the store refuses every write.
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
    return start(through, CONFIG);
  }

  private Controller start(dev.aino.store.StateStore through, ControllerConfig config) {
    controller =
        new Controller(
                through,
                new Scheduler(SchedulerConfig.defaults()),
                config,
                Clock.systemUTC(),
                () -> true,
                metrics,
                MemberView.NONE)
            .start();
    return controller;
  }

  private Workload workload(String name, int replicas, long memoryMiB) {
    return store.create(
        Workload.create(
            name,
            Fixtures.spec(replicas).toBuilder().resources(100, memoryMiB).build(),
            Fixtures.T0));
  }

  private boolean placed(String workload, int n) {
    return store.instancesOf(workload).stream().filter(i -> i.node() != null).count() == n;
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
    assertThat(controller.cache().instancesOf("web")).hasSize(3);
  }

  /**
   * The resync is 30 seconds away throughout: an instance that ended must wake the scheduler for
   * the capacity it frees to be used within the test's wait.
   */
  @Test
  void capacityThatArrivesOrFreesUpIsUsedAtOnceNotAtTheNextResync() {
    store.create(Fixtures.node("n1")); // 8192 MiB
    workload("a", 1, 5000);
    workload("b", 1, 5000);
    start(store);
    Await.until(
        "one of them placed, the other pending, and nothing more to do",
        () ->
            metrics.count("scheduling placed") == 1
                && metrics.count("scheduling unschedulable") >= 1
                && controller.isIdle());
    String first = placed("a", 1) ? "a" : "b";
    String second = first.equals("a") ? "b" : "a";

    // A node arrives: the pending one goes there.
    store.create(Fixtures.node("n2"));
    Await.until(
        "the pending one placed on the new node", Duration.ofSeconds(10), () -> placed(second, 1));
    assertThat(store.instancesOf(second).get(0).node()).isEqualTo("n2");

    // Scale the second to 0 and the first to 2: its new instance fits nowhere until the second's
    // instance has ended on n2.
    Workload w = store.workload(second).orElseThrow();
    store.update(w.withSpec(w.spec().withReplicas(0)));
    Workload f = store.workload(first).orElseThrow();
    store.update(f.withSpec(f.spec().withReplicas(2)));
    Instance stopping =
        Await.value(
            "the second's instance asked to stop",
            () ->
                store.instancesOf(second).stream()
                    .filter(i -> i.desired() == dev.aino.model.DesiredState.STOP)
                    .findFirst()
                    .orElse(null));
    Await.until(
        "the first's new instance found to fit nowhere, and nothing more to do",
        () ->
            store.instancesOf(first).stream()
                    .anyMatch(i -> i.node() == null && "Unschedulable".equals(i.reason()))
                && controller.isIdle());
    // Its node's agent reports it ended.
    store.update(
        stopping.toBuilder()
            .transition(dev.aino.model.InstancePhase.TERMINATED, "Stopped", "stopped")
            .build());
    Await.until(
        "the first's new instance placed on the freed node",
        Duration.ofSeconds(10),
        () -> placed(first, 2));
  }

  @Test
  void anIdleControllerReconcilesEveryWorkloadAgainEachResync() {
    store.create(Fixtures.node("n1"));
    workload("web", 1, 128);
    start(store, CONFIG.withResync(Duration.ofMillis(200)));
    Await.until("placed and idle", () -> placed("web", 1) && controller.isIdle());

    long reconciled = metrics.count("reconciled success");
    Await.until(
        "two more reconciles with nothing changed",
        Duration.ofSeconds(10),
        () -> metrics.count("reconciled success") >= reconciled + 2);
    assertThat(store.instancesOf("web")).hasSize(1);
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

  private static FencingToken token(OptionalLong term) {
    return Fixtures.fencingToken("leader", () -> term);
  }

  /**
   * This server believes it leads, but its writes fail: the fence says it holds no term (an error
   * the store names), or the backend cannot check one (any other failure). Both are retried after a
   * backoff, never dropped.
   */
  @ParameterizedTest(name = "term {0}")
  @MethodSource("refusingTerms")
  void aReconcileWhoseWritesFailIsRetriedAfterABackoffAndCountedAsARetry(OptionalLong term) {
    store.create(Workload.create("web", Fixtures.spec(2), Fixtures.T0));

    start(new FencedStateStore(store, token(term)));

    Await.until(
        "three failed reconciles, each queued again",
        () -> metrics.count("reconciled retry") >= 3 && metrics.count("work queue retried") >= 3);
    assertThat(metrics.count("reconciled success")).isZero();
    assertThat(metrics.count("reconciled error")).isZero();
    assertThat(controller.reconciles()).isZero();
    assertThat(store.instancesOf("web")).isEmpty();
  }

  static Stream<OptionalLong> refusingTerms() {
    return Stream.of(OptionalLong.empty(), OptionalLong.of(3));
  }

  @Test
  void aSchedulingPassThatFailsIsTriedAgainWithoutAnyChange() {
    store.create(Fixtures.node("n1"));
    Workload web = store.create(Workload.create("web", Fixtures.spec(1), Fixtures.T0));
    store.create(Instance.pending(web, "a", Fixtures.T0)); // nothing for its reconciler to do
    store.reportTo(metrics);

    // The memory backend cannot check a term: every placement write fails.
    start(new FencedStateStore(store, token(OptionalLong.of(3))));

    Await.until(
        "three attempts to write the placement, a second apart",
        Duration.ofSeconds(10),
        () -> metrics.count("store memory commit") >= 3);
    assertThat(store.instance("web-a").orElseThrow().node()).isNull();
    assertThat(metrics.count("reconciled retry")).isZero();
  }
}
