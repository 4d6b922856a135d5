package dev.aino.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.error.AinoException;
import dev.aino.error.ConflictException;
import dev.aino.error.ErrorCode;
import dev.aino.error.UnavailableException;
import dev.aino.error.ValidationException;
import dev.aino.model.DesiredState;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.Node;
import dev.aino.model.NodeStatus;
import dev.aino.model.Placement;
import dev.aino.model.PlacementStrategy;
import dev.aino.model.Resources;
import dev.aino.model.RuntimeInfo;
import dev.aino.model.Workload;
import dev.aino.scheduler.Scheduler;
import dev.aino.scheduler.SchedulerConfig;
import dev.aino.store.ObjectKind;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

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

  /**
   * When set, the next question to the gate from a thread whose name starts with {@link #busyName}
   * counts this down and takes 300 ms, interrupted or not.
   */
  private volatile CountDownLatch busy;

  private volatile String busyName = TICKER;

  /** When set, a worker that asks the gate waits until it is counted down. */
  private volatile CountDownLatch heldWorkers;

  private boolean isLeader() {
    Thread me = Thread.currentThread();
    askers.putIfAbsent(me.getName(), me);
    CountDownLatch hold = heldWorkers;
    if (hold != null && me.getName().startsWith(WORKERS)) {
      try {
        hold.await();
      } catch (InterruptedException e) {
        me.interrupt();
      }
    }
    CountDownLatch entered = busy;
    if (entered != null && me.getName().startsWith(busyName)) {
      busy = null;
      entered.countDown();
      busyFor(Duration.ofMillis(300));
    }
    if (shutOnceTo.removeIf(me.getName()::startsWith)) {
      return false;
    }
    return shutTo.stream().noneMatch(me.getName()::startsWith);
  }

  private static void busyFor(Duration duration) {
    long until = System.nanoTime() + duration.toNanos();
    boolean interrupted = false;
    while (System.nanoTime() < until) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
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

  /**
   * The resync queues every workload once per interval, counted from the first tick as the leader,
   * and signals the scheduler too: big, which fits nowhere, is looked at again then, although the
   * scheduler's own wait, restarted by a signal at 5 s, has not timed out yet.
   */
  @Test
  void everyWorkloadIsReconciledAgainOnceEachResyncIntervalAndNotBefore() {
    memory.create(Fixtures.node("n1")); // 8192 MiB
    workload("web", 1, 128);
    workload("api", 1, 128);
    workload("big", 1, 9000);
    start();
    Await.until(
        "web and api placed, big found to fit nowhere",
        () ->
            placed("web", 1) && placed("api", 1) && metrics.count("scheduling unschedulable") >= 1);
    awaitQuiet();
    long reconciled = controller.reconciles();
    tick(); // the first tick as the leader looks at everything once
    awaitQuiet();
    assertThat(controller.reconciles()).isEqualTo(reconciled + 3);
    reconciled = controller.reconciles();
    long passes = metrics.count("scheduling passes");

    for (int second = 2; second <= 30; second++) {
      tick();
      if (second == 5) {
        memory.create(Node.of("n2", Resources.of(1000, 1024))); // too small for big
        Await.until("a pass for the new node", () -> metrics.count("scheduling passes") > passes);
      }
      awaitQuiet();
      // From 5 s: big once more, for the pass's new reason on its instance (two nodes now).
      assertThat(controller.reconciles())
          .as("reconciles after %d s", second)
          .isEqualTo(second < 5 ? reconciled : reconciled + 1);
      assertThat(metrics.count("scheduling passes"))
          .as("passes after %d s", second)
          .isEqualTo(second < 5 ? passes : passes + 1);
    }
    tick(); // 30 s after the first tick's
    awaitQuiet();
    assertThat(controller.reconciles()).isEqualTo(reconciled + 1 + 3);
    assertThat(metrics.count("scheduling passes")).isEqualTo(passes + 2);
    assertThat(metrics.count("reconciled success")).isEqualTo(controller.reconciles());
    assertThat(metrics.nanos("reconciled success"))
        .as("reconciles measured on the loop's time, which did not move during any")
        .isZero();
    assertThat(metrics.count("scheduling empty")).isZero();
    assertThat(metrics.count("scheduling placed")).isEqualTo(2);
  }

  static Stream<Arguments> reconcileFailures() {
    return Stream.of(
        Arguments.of(new ValidationException("spec", "cannot be planned"), false),
        Arguments.of(new AinoException(ErrorCode.INTERNAL, "a bug", null), false),
        Arguments.of(new UnavailableException("the store is down", null), true),
        Arguments.of(new IllegalStateException("unexpected"), true));
  }

  /**
   * A reconcile that would fail the same way again (an invalid or impossible plan) is counted as an
   * error and dropped; any other failure is counted as a retry and tried again after a back-off.
   */
  @ParameterizedTest(name = "{0}: retried {1}")
  @MethodSource("reconcileFailures")
  void aFailedReconcileIsRetriedUnlessItWouldFailTheSameWayAgain(
      RuntimeException failure, boolean retried) {
    memory.create(Fixtures.node("n1"));
    workload("web", 1, 128);
    store.refuse(ops -> failure);
    start();
    if (retried) {
      Await.until(
          "web tried three times",
          () -> metrics.count("reconciled retry") >= 3 && metrics.count("work queue retried") >= 3);
      assertThat(metrics.count("reconciled error")).isZero();
    } else {
      Await.until("web's reconcile to fail", () -> metrics.count("reconciled error") == 1);
      awaitQuiet();
      assertThat(metrics.count("reconciled retry")).isZero();
      assertThat(metrics.count("work queue retried")).isZero();
    }
    assertThat(metrics.count("reconciled success")).isZero();
    assertThat(controller.reconciles()).isZero();
    assertThat(metrics.nanos("reconciled error") + metrics.nanos("reconciled retry"))
        .as("measured on the loop's time, which did not move")
        .isZero();
    assertThat(memory.instancesOf("web")).isEmpty();
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

  /**
   * Workers are shut out and time never moves, so after the signal of the instance that appears,
   * only the lost race itself can bring the pass that places it.
   */
  @Test
  void aPlacementThatLostARaceIsTriedAgainAtOnceAndThePassIsCounted() {
    memory.create(Fixtures.node("n1"));
    Workload web = workload("web", 1, 128);
    shutTo.addAll(List.of(TICKER, WORKERS));
    start();
    awaitQuiet();
    long passes = metrics.count("scheduling passes");
    AtomicInteger races = new AtomicInteger();
    store.refuse(
        ops ->
            RefusingStore.places(ops) && races.getAndIncrement() == 0
                ? new ConflictException("web-a changed meanwhile")
                : null);
    long now = time.nanoTime();
    memory.create(Instance.pending(web, "a", Fixtures.T0));
    Await.until("web-a placed", () -> placed("web", 1));
    awaitQuiet();
    assertThat(races).hasValue(2);
    assertThat(time.nanoTime()).as("time did not move").isEqualTo(now);
    assertThat(metrics.count("scheduling passes")).isEqualTo(passes + 2);
    assertThat(metrics.count("scheduling conflicts")).isEqualTo(1);
    assertThat(metrics.count("scheduling placed")).isEqualTo(1);
    assertThat(metrics.count("scheduling empty")).isZero();
  }

  /**
   * Waits until the controller has reconciled {@code workload} after a change the test wrote (the
   * change queued it) and is quiet again, so a scheduling pass the change brought has been counted.
   */
  private void awaitReconciledAfter(long reconciles) {
    Await.until("the change reconciled", () -> controller.reconciles() > reconciles);
    awaitQuiet();
  }

  private Instance onlyInstance(String workload) {
    List<Instance> of = memory.instancesOf(workload);
    assertThat(of).hasSize(1);
    return of.get(0);
  }

  private void scale(String workload, int replicas) {
    Workload w = memory.workload(workload).orElseThrow();
    memory.update(w.withSpec(w.spec().withReplicas(replicas)));
  }

  /**
   * Time never moves and the ticker never runs: a pass happens only when a change signals the
   * scheduler. An instance that ends, or is deleted while it still held its node, frees capacity
   * and signals; an instance that changes otherwise, or changes again once ended, does not.
   */
  @Test
  void onlyCapacityThatFreesUpSignalsTheScheduler() {
    memory.create(Fixtures.node("n1")); // 8192 MiB: room for one of a and b
    workload("a", 1, 5000);
    workload("b", 1, 5000);
    start();
    Await.until(
        "one placed, the other found to fit nowhere",
        () ->
            metrics.count("scheduling placed") == 1
                && metrics.count("scheduling unschedulable") >= 1);
    awaitQuiet();
    String first = placed("a", 1) ? "a" : "b";
    String second = first.equals("a") ? "b" : "a";

    scale(first, 0);
    Await.until(
        first + "'s instance asked to stop",
        () -> onlyInstance(first).desired() == DesiredState.STOP);
    awaitQuiet();
    Instance stopping = onlyInstance(first);
    assertThat(placed(second, 1)).as("placed while the stopping instance holds the room").isFalse();

    // Its node reports it running still: nothing freed, no pass.
    long passes = metrics.count("scheduling passes");
    long reconciles = controller.reconciles();
    stopping =
        memory.update(
            stopping.toBuilder().transition(InstancePhase.RUNNING, "Started", "started").build());
    awaitReconciledAfter(reconciles);
    assertThat(metrics.count("scheduling passes")).isEqualTo(passes);

    // It ended: the room is free, and the other is placed at once.
    stopping =
        memory.update(
            stopping.toBuilder()
                .transition(InstancePhase.TERMINATED, "Stopped", "stopped")
                .build());
    Await.until(second + " placed in the freed room", () -> placed(second, 1));
    awaitQuiet();
    assertThat(metrics.count("scheduling passes")).isEqualTo(passes + 1);

    // Ended already: a later change of it frees nothing.
    passes = metrics.count("scheduling passes");
    reconciles = controller.reconciles();
    memory.update(stopping.toBuilder().message("stopped by its node").build());
    awaitReconciledAfter(reconciles);
    assertThat(metrics.count("scheduling passes")).isEqualTo(passes);

    // The other is asked to stop, then the first wants its room back: it fits nowhere until the
    // other's instance, which still holds the room, is deleted.
    scale(second, 0);
    Await.until(
        second + "'s instance asked to stop",
        () -> onlyInstance(second).desired() == DesiredState.STOP);
    awaitQuiet();
    scale(first, 1);
    Await.until(
        first + "'s new instance found to fit nowhere",
        () ->
            memory.instancesOf(first).stream()
                .anyMatch(i -> i.node() == null && "Unschedulable".equals(i.reason())));
    awaitQuiet();
    Instance held = onlyInstance(second);
    memory.delete(ObjectKind.INSTANCES, held.storeKey(), held.revision());
    Await.until(
        first + "'s new instance placed in the room the deleted one held",
        () ->
            memory.instancesOf(first).stream()
                .anyMatch(i -> i.node() != null && !i.phase().isTerminal()));
  }

  /**
   * A workload's placement is not part of its template: relaxing it replaces no instance, so only
   * the workload's own change can signal the scheduler to place the one that waits for it.
   */
  @Test
  void aWorkloadChangeSignalsTheScheduler() {
    memory.create(Fixtures.node("n1")); // no labels
    memory.create(
        Workload.create(
            "web",
            Fixtures.spec(1).toBuilder()
                .placement(new Placement(Map.of("zone", "a"), PlacementStrategy.BINPACK))
                .build(),
            Fixtures.T0));
    start();
    Await.until(
        "web's instance found to fit nowhere",
        () ->
            memory.instancesOf("web").stream()
                .anyMatch(i -> i.node() == null && "Unschedulable".equals(i.reason())));
    awaitQuiet();
    String waiting = onlyInstance("web").id();

    Workload web = memory.workload("web").orElseThrow();
    memory.update(web.withSpec(web.spec().toBuilder().placement(Placement.DEFAULT).build()));
    Await.until("web's instance placed", () -> placed("web", 1));
    assertThat(onlyInstance("web").id())
        .as("the same instance, not a replacement")
        .isEqualTo(waiting);
  }

  /**
   * With every worker shut out, nothing but an unplaced instance that appears can signal the
   * scheduler; one that appears placed, or an unplaced one that changes, does not.
   */
  @Test
  void anUnplacedInstanceThatAppearsSignalsTheScheduler() {
    memory.create(Fixtures.node("n1"));
    Workload web = workload("web", 3, 128);
    shutTo.add(WORKERS);
    start();
    awaitQuiet();
    long passes = metrics.count("scheduling passes");

    Instance placedOne =
        Instance.pending(web, "p", Fixtures.T0).toBuilder()
            .node("n1")
            .transition(InstancePhase.SCHEDULED, "Scheduled", "assigned to node n1")
            .build();
    memory.create(placedOne);
    Await.until(
        "the controller to see it", () -> controller.cache().instance(placedOne.id()).isPresent());
    awaitQuiet();
    assertThat(metrics.count("scheduling passes")).isEqualTo(passes);

    memory.create(Instance.pending(web, "u", Fixtures.T0));
    Await.until("web-u placed", () -> memory.instance("web-u").orElseThrow().node() != null);
    awaitQuiet();
    assertThat(metrics.count("scheduling passes")).isEqualTo(passes + 1);
    assertThat(metrics.count("scheduling placed")).isEqualTo(1);
  }

  /** A caller interrupted while it closes the controller still closes it, and stays interrupted. */
  @Test
  void closeByAnInterruptedCallerStopsEverythingAndKeepsTheInterrupt() throws Exception {
    memory.create(Fixtures.node("n1"));
    start();
    tick();
    awaitQuiet();
    assertThat(askers).containsKeys(TICKER, SCHEDULER);
    // A worker busy with web, deaf to interrupts, keeps the worker pool from ending at once.
    CountDownLatch working = new CountDownLatch(1);
    busyName = WORKERS;
    busy = working;
    workload("web", 1, 128);
    assertThat(working.await(15, TimeUnit.SECONDS)).as("a worker busy").isTrue();
    Thread.currentThread().interrupt();
    try {
      controller.close();
      assertThat(Thread.currentThread().isInterrupted()).as("still interrupted").isTrue();
    } finally {
      Thread.interrupted();
    }
    controller = null;
    Await.until(
        "the ticker and the scheduler ended",
        () -> !askers.get(TICKER).isAlive() && !askers.get(SCHEDULER).isAlive());
  }

  /** A closed controller's cache no longer follows the store. */
  @Test
  void aClosedControllersCacheNoLongerFollowsTheStore() {
    start();
    awaitQuiet();
    controller.close();
    try (ClusterCache probe = new ClusterCache(memory).start()) {
      memory.create(Fixtures.node("n2"));
      Await.until("another cache to see n2", () -> probe.node("n2").isPresent());
      assertThat(controller.cache().node("n2")).isEmpty();
    }
    controller = null;
  }

  @Test
  void aControllerIsNotIdleWhileAWorkloadIsReconciled() {
    memory.create(Fixtures.node("n1"));
    start();
    awaitQuiet();
    assertThat(controller.isIdle()).isTrue();
    CountDownLatch release = new CountDownLatch(1);
    heldWorkers = release;
    workload("web", 1, 128);
    Await.until("a worker asking the gate about web", () -> askers.containsKey(WORKERS + "0"));
    assertThat(controller.isIdle()).as("while web is being reconciled").isFalse();
    heldWorkers = null;
    release.countDown();
    Await.until("web placed", () -> placed("web", 1));
    awaitQuiet();
    assertThat(controller.isIdle()).isTrue();
  }

  /** A ticker in the middle of its pass, which ignores interrupts, is waited for. */
  @Test
  void closeReturnsOnlyOnceTheTickerHasFinishedItsPass() throws Exception {
    CountDownLatch inPass = new CountDownLatch(1);
    busy = inPass;
    start();
    awaitQuiet();
    time.advance(LIFECYCLE);
    assertThat(inPass.await(15, TimeUnit.SECONDS)).as("the ticker in its pass").isTrue();
    controller.close();
    assertThat(askers.get(TICKER).isAlive()).as("the ticker, after close returned").isFalse();
    controller = null;
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
