package dev.aino.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.error.ConflictException;
import dev.aino.error.UnavailableException;
import dev.aino.model.Instance;
import dev.aino.model.Node;
import dev.aino.model.NodeStatus;
import dev.aino.model.Resources;
import dev.aino.model.RuntimeInfo;
import dev.aino.model.Workload;
import dev.aino.scheduler.Scheduler;
import dev.aino.scheduler.SchedulerConfig;
import dev.aino.store.memory.InMemoryStateStore;
import dev.aino.testing.Await;
import dev.aino.testing.CountingMetrics;
import dev.aino.testing.Fixtures;
import dev.aino.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The controller's threads on a {@link ManualLoopTime}: the ticker wakes, and the scheduling
 * thread's wait times out, only when the test moves time, so each test says exactly when the node
 * lifecycle pass, the periodic resync and a scheduling pass must happen, and that they do not
 * happen sooner. Work still runs on the controller's own threads; the test waits for it to settle,
 * never sleeps.
 */
class ControllerTimingTest {
  private static final String TICKER = "aino-controller-tick";
  private static final String SCHEDULER = "aino-schedule";
  private static final String WORKERS = "aino-reconcile-";
  private static final Duration LIFECYCLE = Duration.ofSeconds(1);
  private static final Duration RESYNC = Duration.ofSeconds(30);
  private static final RuntimeInfo RUNTIME = new RuntimeInfo("simulated", "1", false);

  private final InMemoryStateStore memory = new InMemoryStateStore();
  private final RefusingStore store = new RefusingStore(memory);
  private final MutableClock clock = new MutableClock();
  private final ManualLoopTime time = new ManualLoopTime();
  private final CountingMetrics metrics = new CountingMetrics();

  /** Name prefixes of the threads the gate is shut to, and of those it is shut to once. */
  private final Set<String> shutTo = ConcurrentHashMap.newKeySet();

  private final Set<String> shutOnceTo = ConcurrentHashMap.newKeySet();

  /** Every thread that asked the gate, by name. */
  private final Map<String, Thread> askers = new ConcurrentHashMap<>();

  private Controller controller;

  @AfterEach
  void close() {
    if (controller != null) {
      controller.close();
    }
    memory.close();
  }

  private static ControllerConfig config(Duration maxBackoff) {
    return new ControllerConfig(
        1,
        RESYNC,
        Duration.ofMillis(5),
        maxBackoff,
        LIFECYCLE,
        Duration.ofSeconds(15),
        Duration.ofSeconds(40),
        Duration.ofSeconds(60),
        Duration.ofSeconds(10),
        5);
  }

  private boolean isLeader() {
    Thread me = Thread.currentThread();
    askers.putIfAbsent(me.getName(), me);
    if (shutOnceTo.removeIf(me.getName()::startsWith)) {
      return false;
    }
    return shutTo.stream().noneMatch(me.getName()::startsWith);
  }

  private Controller start() {
    return start(config(Duration.ofMillis(200)));
  }

  private Controller start(ControllerConfig config) {
    controller =
        new Controller(
                store,
                new Scheduler(SchedulerConfig.defaults().withSeed(5)),
                config,
                clock,
                this::isLeader,
                metrics,
                MemberView.NONE,
                time)
            .start();
    return controller;
  }

  /** Waits until nothing is queued or running, the scheduler waits and the ticker sleeps. */
  private void awaitQuiet() {
    Await.until(
        "the controller idle, its scheduler waiting and its ticker asleep",
        () -> controller.isIdle() && time.isWaiting() && time.isSleeping(TICKER));
  }

  /** Moves time one lifecycle interval on and waits until the ticker has done its pass. */
  private void tick() {
    Await.until("the ticker asleep", () -> time.isSleeping(TICKER));
    int before = time.sleepsOf(TICKER).size();
    time.advance(LIFECYCLE);
    Await.until(
        "the ticker's pass done",
        () -> time.sleepsOf(TICKER).size() > before && time.isSleeping(TICKER));
  }

  private Workload workload(String name, int replicas, long memoryMiB) {
    return memory.create(
        Workload.create(
            name,
            Fixtures.spec(replicas).toBuilder().resources(100, memoryMiB).build(),
            Fixtures.T0));
  }

  private boolean placed(String workload, int n) {
    List<Instance> instances = memory.instancesOf(workload);
    return instances.size() == n && instances.stream().allMatch(i -> i.node() != null);
  }

  @Test
  void theSchedulerRunsWhenSignalledOrOnceTheResyncIntervalHasPassedAndOtherwiseWaits() {
    memory.create(Fixtures.node("n1")); // 8192 MiB
    workload("big", 1, 9000);
    shutTo.add(TICKER); // its resync would wake the scheduler too; here only the wait's timeout may
    start();
    Await.until(
        "big's instance found to fit nowhere",
        () -> metrics.count("scheduling unschedulable") >= 1);
    awaitQuiet();
    long passes = metrics.count("scheduling passes");
    int waits = time.waitTimeouts().size();
    assertThat(time.waitTimeouts()).containsOnly(RESYNC);

    time.advance(RESYNC.minusNanos(1));
    assertThat(time.isWaiting()).as("the scheduler still waiting").isTrue();
    assertThat(time.waitTimeouts()).hasSize(waits);
    assertThat(metrics.count("scheduling passes")).isEqualTo(passes);

    time.advance(Duration.ofNanos(1));
    Await.until(
        "one more pass, then the scheduler waiting again",
        () -> time.waitTimeouts().size() == waits + 1 && time.isWaiting());
    assertThat(metrics.count("scheduling passes")).isEqualTo(passes + 1);
    assertThat(metrics.count("scheduling unschedulable")).isEqualTo(passes + 1);
    assertThat(metrics.count("scheduling placed")).isZero();

    // A node big enough arrives: its signal brings a pass without time moving.
    long now = time.nanoTime();
    memory.create(Node.of("n2", Resources.of(4000, 16384)));
    Await.until("big placed on the new node", () -> placed("big", 1));
    awaitQuiet();
    assertThat(memory.instancesOf("big").get(0).node()).isEqualTo("n2");
    assertThat(time.nanoTime()).isEqualTo(now);
    assertThat(metrics.count("scheduling placed")).isEqualTo(1);
    assertThat(metrics.nanos("scheduling passes"))
        .as("passes measured on the loop's time, which did not move during any")
        .isZero();
  }

  @Test
  void theTickerChecksTheNodesOncePerLifecycleInterval() {
    memory.create(Fixtures.node("n1").withHeartbeat(Fixtures.T0, RUNTIME));
    start();
    awaitQuiet();
    clock.advance(Duration.ofSeconds(20)); // its heartbeat is 20 s old: SUSPECT at the next check

    time.advance(LIFECYCLE.minusNanos(1));
    assertThat(time.isSleeping(TICKER)).isTrue();
    assertThat(time.sleepsOf(TICKER)).hasSize(1);
    assertThat(memory.node("n1").orElseThrow().status()).isEqualTo(NodeStatus.READY);

    time.advance(Duration.ofNanos(1));
    Await.until(
        "n1 found SUSPECT", () -> memory.node("n1").orElseThrow().status() == NodeStatus.SUSPECT);
    Await.until("the ticker asleep again", () -> time.sleepsOf(TICKER).size() == 2);
    assertThat(time.sleepsOf(TICKER)).containsOnly(LIFECYCLE);

    clock.advance(Duration.ofSeconds(20)); // 40 s: DOWN at the next check
    tick();
    Await.until("n1 found DOWN", () -> memory.node("n1").orElseThrow().status() == NodeStatus.DOWN);
  }

  @Test
  void aNodeCheckThatFailsIsTriedAgainAtTheNextTick() {
    memory.create(Fixtures.node("n1").withHeartbeat(Fixtures.T0, RUNTIME));
    start();
    awaitQuiet();
    clock.advance(Duration.ofSeconds(20));
    store.refuse(ops -> new UnavailableException("the store is down", null));
    tick();
    assertThat(memory.node("n1").orElseThrow().status()).isEqualTo(NodeStatus.READY);

    store.accept();
    tick();
    Await.until(
        "n1 found SUSPECT", () -> memory.node("n1").orElseThrow().status() == NodeStatus.SUSPECT);
  }

  @Test
  void everyWorkloadIsReconciledAgainOnceEachResyncIntervalAndNotBefore() {
    memory.create(Fixtures.node("n1"));
    workload("web", 1, 128);
    workload("api", 1, 128);
    start();
    Await.until("both placed", () -> placed("web", 1) && placed("api", 1));
    awaitQuiet();
    long reconciled = controller.reconciles();
    tick(); // the first tick as the leader looks at everything once
    awaitQuiet();
    assertThat(controller.reconciles()).isEqualTo(reconciled + 2);
    reconciled = controller.reconciles();

    for (int second = 2; second <= 30; second++) {
      tick();
      awaitQuiet();
      assertThat(controller.reconciles()).as("reconciles after %d s", second).isEqualTo(reconciled);
    }
    tick(); // 30 s after the first tick's
    awaitQuiet();
    assertThat(controller.reconciles()).isEqualTo(reconciled + 2);
    assertThat(metrics.count("reconciled success")).isEqualTo(controller.reconciles());
    assertThat(metrics.nanos("reconciled success"))
        .as("reconciles measured on the loop's time, which did not move during any")
        .isZero();
    assertThat(metrics.count("scheduling empty")).isZero();
  }

  @Test
  void aFollowerDoesNothingAndCatchesUpAtItsFirstTickAsTheLeader() {
    shutTo.addAll(List.of(TICKER, SCHEDULER, WORKERS));
    memory.create(Fixtures.node("n1"));
    workload("web", 3, 128);
    start();
    for (int i = 0; i < 3; i++) {
      tick();
      awaitQuiet();
    }
    assertThat(memory.instancesOf("web")).as("instances made by a follower").isEmpty();
    assertThat(controller.reconciles()).isZero();

    shutTo.clear();
    tick();
    Await.until("web's three instances placed by the new leader", () -> placed("web", 3));
  }

  @Test
  void aWorkloadAWorkerDroppedWhileTheGateWasShutForAMomentIsReconciledAtTheNextTick() {
    memory.create(Fixtures.node("n1"));
    start();
    tick();
    awaitQuiet();

    shutOnceTo.add(WORKERS);
    workload("web", 2, 128);
    Await.until("the worker to drop web", shutOnceTo::isEmpty);
    awaitQuiet();
    assertThat(memory.instancesOf("web")).isEmpty();

    tick();
    Await.until("web's instances placed", () -> placed("web", 2));
  }

  @Test
  void aSchedulingPassDroppedWhileTheGateWasShutForAMomentRunsAtTheNextTick() {
    workload("web", 1, 128); // no node yet: its instance waits
    start();
    tick();
    Await.until("web's instance made", () -> memory.instancesOf("web").size() == 1);
    awaitQuiet();

    shutOnceTo.add(SCHEDULER);
    memory.create(Fixtures.node("n1"));
    Await.until("the scheduler to drop its pass", shutOnceTo::isEmpty);
    awaitQuiet();
    assertThat(memory.instancesOf("web").get(0).node()).isNull();

    tick();
    Await.until("web's instance placed", () -> placed("web", 1));
  }

  /**
   * A pass that fails (the store is down) is tried again after a pause, the back-off cap but at
   * most a second, without any signal; the ticker, whose resync would also bring a pass, is kept
   * out.
   */
  @ParameterizedTest(name = "max back-off {0} ms: pause {1} ms")
  @CsvSource({"200, 200", "999, 999", "1000, 1000", "1001, 1000", "30000, 1000"})
  void aFailedSchedulingPassIsTriedAgainAfterThePause(long maxBackoffMillis, long pauseMillis) {
    Duration pause = Duration.ofMillis(pauseMillis);
    memory.create(Fixtures.node("n1"));
    Workload web = workload("web", 1, 128);
    memory.create(Instance.pending(web, "a", Fixtures.T0)); // nothing for its reconciler to do
    shutTo.add(TICKER);
    store.refuse(ops -> RefusingStore.places(ops) ? new UnavailableException("down", null) : null);
    start(config(Duration.ofMillis(maxBackoffMillis)));
    Await.until("the scheduler pausing", () -> time.isSleeping(SCHEDULER));
    assertThat(time.sleepsOf(SCHEDULER)).containsExactly(pause);

    store.accept();
    time.advance(pause.minusNanos(1));
    assertThat(time.isSleeping(SCHEDULER)).isTrue();
    assertThat(memory.instance("web-a").orElseThrow().node()).isNull();

    time.advance(Duration.ofNanos(1));
    Await.until(
        "web-a placed and the pass counted",
        () -> placed("web", 1) && metrics.count("scheduling placed") == 1);
    assertThat(time.sleepsOf(SCHEDULER)).containsExactly(pause);
  }

  @Test
  void aPlacementThatLostARaceIsTriedAgainAtOnceAndThePassIsCounted() {
    memory.create(Fixtures.node("n1"));
    Workload web = workload("web", 1, 128);
    memory.create(Instance.pending(web, "a", Fixtures.T0));
    shutTo.add(TICKER);
    AtomicInteger races = new AtomicInteger();
    store.refuse(
        ops ->
            RefusingStore.places(ops) && races.getAndIncrement() == 0
                ? new ConflictException("web-a changed meanwhile")
                : null);
    long now = time.nanoTime();
    start();
    Await.until("web-a placed", () -> placed("web", 1));
    awaitQuiet();
    assertThat(races).hasValue(2);
    assertThat(time.nanoTime()).as("time did not move").isEqualTo(now);
    assertThat(metrics.count("scheduling passes")).isEqualTo(2);
    assertThat(metrics.count("scheduling conflicts")).isEqualTo(1);
    assertThat(metrics.count("scheduling placed")).isEqualTo(1);
    assertThat(metrics.count("scheduling empty")).isZero();
  }

  @Test
  void closeEndsTheTickerTheSchedulerTheWorkersAndTheRetryTimer() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    memory.create(Fixtures.node("n1"));
    workload("web", 1, 128);
    // web's reconcile fails and is retried on the queue's timer thread.
    store.refuse(ops -> new UnavailableException("down", null));
    start();
    Await.until("two retries of web", () -> metrics.count("reconciled retry") >= 2);
    tick();
    Await.until(
        "the scheduler, the ticker and a worker to have asked the gate",
        () -> askers.keySet().containsAll(List.of(SCHEDULER, TICKER, WORKERS + "0")));
    List<Thread> threads = new ArrayList<>(askers.values());
    Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && t.getName().startsWith(WORKERS + "timer-"))
        .forEach(threads::add);
    assertThat(threads)
        .extracting(Thread::getName)
        .containsExactlyInAnyOrder(SCHEDULER, TICKER, WORKERS + "0", WORKERS + "timer-0");
    assertThat(threads).allMatch(Thread::isDaemon, "a daemon");

    controller.close();
    assertThat(askers.get(TICKER).isAlive()).as("the ticker, asleep until time moves").isFalse();
    assertThat(askers.get(SCHEDULER).isAlive()).as("the scheduler").isFalse();
    for (Thread t : threads) {
      t.join(5_000);
    }
    assertThat(threads).noneMatch(Thread::isAlive);
    controller = null;
  }
}
