package dev.aino.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.api.DrainResult;
import dev.aino.api.WorkloadStatus;
import dev.aino.model.Event;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.ObjectRef;
import dev.aino.model.Resources;
import dev.aino.model.RestartPolicy;
import dev.aino.model.UpdateStrategy;
import dev.aino.model.WorkloadSpec;
import dev.aino.model.WorkloadState;
import dev.aino.store.StateStore;
import dev.aino.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The control loop end to end: controller, scheduler, node agents and simulated runtimes over a
 * store. Each backend runs the same scenarios.
 */
abstract class AbstractControlLoopTest {
  protected ControlLoopHarness cluster;

  protected abstract StateStore newStore() throws Exception;

  @BeforeEach
  void startCluster() throws Exception {
    cluster = new ControlLoopHarness(newStore());
    cluster.addNode("node-a", Resources.of(2000, 4096));
    cluster.addNode("node-b", Resources.of(2000, 4096));
    cluster.startController();
  }

  @AfterEach
  void stopCluster() {
    cluster.close();
  }

  static WorkloadSpec.Builder sleeper(int replicas) {
    return WorkloadSpec.builder(ControlLoopHarness.IMAGE)
        .command("sleep", "3600")
        .resources(100, 64)
        .replicas(replicas);
  }

  @Test
  void scalesZeroToFiveToTwoToZero() {
    cluster.api.apply("web", sleeper(0).build());
    cluster.awaitRunning("web", 0);
    cluster.api.scale("web", 5);
    cluster.awaitRunning("web", 5);
    assertThat(cluster.live("web")).extracting(Instance::node).containsOnly("node-a", "node-b");
    cluster.api.scale("web", 2);
    cluster.awaitRunning("web", 2);
    cluster.api.scale("web", 0);
    cluster.awaitRunning("web", 0);
    WorkloadStatus status = cluster.api.workload("web");
    assertThat(status.desired()).isZero();
    assertThat(status.running()).isZero();
  }

  @Test
  void aCrashingInstanceBacksOffAndShowsAsCrashLooping() {
    cluster.api.apply(
        "crasher",
        WorkloadSpec.builder(ControlLoopHarness.IMAGE)
            .command("sh", "-c", "exit 3")
            .resources(100, 64)
            .restartPolicy(RestartPolicy.ALWAYS)
            .build());
    Instance looping =
        Await.value(
            "an instance restarted three times",
            Duration.ofSeconds(30),
            () ->
                cluster.store.instancesOf("crasher").stream()
                    .filter(i -> i.restartCount() >= 3)
                    .findFirst()
                    .orElse(null),
            () -> cluster.store.instancesOf("crasher"));
    assertThat(looping.exitCode()).isEqualTo(3);
    Await.until(
        "workload reported as crash-looping",
        () -> cluster.api.workload("crasher").state() == WorkloadState.DEGRADED);
    assertThat(cluster.api.workload("crasher").message()).contains("crash-looping", "exit code 3");
    // Restarted in place: the workload keeps one instance, it is not replaced over and over.
    assertThat(cluster.store.instancesOf("crasher")).hasSize(1);
  }

  @Test
  void instancesOfADownNodeAreLostAndReplacedElsewhere() {
    cluster.api.apply("web", sleeper(4).build());
    cluster.awaitRunning("web", 4);
    Set<String> onA = new HashSet<>();
    cluster.live("web").stream()
        .filter(i -> "node-a".equals(i.node()))
        .forEach(i -> onA.add(i.id()));
    assertThat(onA).isNotEmpty();

    cluster.restartController(ControlLoopHarness.quickNodeLossConfig());
    cluster.killAgent("node-a");
    Await.until(
        "instances on node-a lost",
        Duration.ofSeconds(30),
        () ->
            onA.stream()
                .allMatch(
                    id ->
                        cluster
                            .store
                            .instance(id)
                            .map(i -> i.phase() == InstancePhase.LOST)
                            .orElse(true)));
    cluster.awaitRunning("web", 4);
    assertThat(cluster.live("web")).extracting(Instance::node).containsOnly("node-b");
    assertThat(cluster.store.node("node-a").orElseThrow().status().name()).isEqualTo("DOWN");
    List<Event> nodeEvents = cluster.store.events(ObjectRef.node("node-a"));
    assertThat(nodeEvents).extracting(Event::reason).contains("NodeDown", "InstancesLost");
  }

  @Test
  void aRollingUpdateNeverDropsBelowMaxUnavailable() throws Exception {
    int replicas = 4;
    cluster.api.apply("web", sleeper(replicas).update(new UpdateStrategy(1, 1)).build());
    cluster.awaitRunning("web", replicas);

    AtomicInteger lowest = new AtomicInteger(Integer.MAX_VALUE);
    AtomicInteger highest = new AtomicInteger();
    AtomicBoolean watching = new AtomicBoolean(true);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread observer =
        new Thread(
            () -> {
              while (watching.get()) {
                List<Instance> all = cluster.store.instancesOf("web");
                int ready = 0;
                int held = 0;
                for (Instance i : all) {
                  if (i.phase() == InstancePhase.RUNNING && i.ready()) {
                    ready++;
                  }
                  if (!i.phase().isTerminal()) {
                    held++;
                  }
                }
                lowest.accumulateAndGet(ready, Math::min);
                highest.accumulateAndGet(held, Math::max);
              }
              stopped.countDown();
            });
    observer.start();
    WorkloadSpec v2 =
        sleeper(replicas).update(new UpdateStrategy(1, 1)).command("sleep", "7200").build();
    cluster.api.apply("web", v2);
    cluster.awaitRunning("web", replicas);
    watching.set(false);
    stopped.await();
    assertThat(lowest.get()).isGreaterThanOrEqualTo(replicas - 1);
    assertThat(highest.get()).isLessThanOrEqualTo(replicas + 1);
  }

  @Test
  void drainingANodeMovesItsInstancesToTheOtherWhileThoseThereKeepRunning() throws Exception {
    int replicas = 4;
    cluster.api.apply("web", sleeper(replicas).update(new UpdateStrategy(1, 1)).build());
    cluster.awaitRunning("web", replicas);
    Set<String> onA = new HashSet<>();
    Set<String> onB = new HashSet<>();
    for (Instance i : cluster.live("web")) {
      ("node-a".equals(i.node()) ? onA : onB).add(i.id());
    }
    assertThat(onA).as("replicas spread over both nodes").isNotEmpty();
    assertThat(onB).isNotEmpty();

    AtomicInteger lowest = new AtomicInteger(Integer.MAX_VALUE);
    AtomicBoolean watching = new AtomicBoolean(true);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread observer =
        new Thread(
            () -> {
              while (watching.get()) {
                int ready = (int) cluster.readyOf("web", null);
                lowest.accumulateAndGet(ready, Math::min);
              }
              stopped.countDown();
            });
    observer.start();
    DrainResult drained = cluster.api.drain("node-a");
    assertThat(drained.stopping()).isEqualTo(onA.size());
    assertThat(drained.node().schedulable()).isFalse();

    cluster.awaitRunning("web", replicas);
    watching.set(false);
    stopped.await();
    // Everything now runs on node-b, and what already ran there was never touched.
    assertThat(cluster.live("web")).extracting(Instance::node).containsOnly("node-b");
    assertThat(cluster.live("web")).extracting(Instance::id).containsAll(onB);
    for (String id : onA) {
      cluster.store.instance(id).ifPresent(i -> assertThat(i.phase().isTerminal()).as(id).isTrue());
    }
    // A drain stops the node's instances at once (it does not wait for replacements as a
    // roll-out does), so availability dips by at most the drained node's share, never more.
    assertThat(lowest.get()).isGreaterThanOrEqualTo(replicas - onA.size());
    assertThat(cluster.store.node("node-a").orElseThrow().schedulable()).isFalse();
    assertThat(cluster.store.events(ObjectRef.node("node-a")))
        .extracting(Event::reason)
        .contains("Drained");
  }

  @Test
  void concurrentEditsConvergeToTheLastSpec() throws Exception {
    cluster.api.apply("web", sleeper(1).build());
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int offset = t;
      Thread w =
          new Thread(
              () -> {
                for (int i = 0; i < 5; i++) {
                  cluster.api.scale("web", 1 + ((offset + i) % 4));
                }
              });
      writers.add(w);
      w.start();
    }
    for (Thread w : writers) {
      w.join();
    }
    cluster.api.apply("web", sleeper(3).command("sleep", "99").build());
    cluster.awaitRunning("web", 3);
    assertThat(cluster.live("web"))
        .allMatch(
            i -> i.templateHash().equals(sleeper(3).command("sleep", "99").build().templateHash()));
    assertThat(cluster.store.workload("web").orElseThrow().spec().replicas()).isEqualTo(3);
  }

  @Test
  void aWorkloadLargerThanTheClusterStaysPartlyPendingWithTheReason() {
    // Each node has 4096 MiB: three 1500 MiB instances fit per node pair... two per node, four in
    // all.
    cluster.api.apply("big", sleeper(6).resources(100, 1500).build());
    Await.until(
        "four running and two pending",
        Duration.ofSeconds(30),
        () ->
            cluster.running("big") == 4
                && cluster.store.instancesOf("big").stream()
                        .filter(i -> i.phase() == InstancePhase.PENDING)
                        .count()
                    == 2);
    Await.until(
        "FailedScheduling event with the reason",
        () ->
            cluster.store.events(ObjectRef.workload("big")).stream()
                .anyMatch(
                    e ->
                        e.reason().equals("FailedScheduling")
                            && e.message().contains("0/2 nodes fit: 2 insufficient memory")));
    Instance pending =
        cluster.store.instancesOf("big").stream()
            .filter(i -> i.phase() == InstancePhase.PENDING)
            .findFirst()
            .orElseThrow();
    assertThat(pending.reason()).isEqualTo("Unschedulable");
    assertThat(pending.message()).contains("insufficient memory");
    WorkloadStatus status = cluster.api.workload("big");
    assertThat(status.state()).isEqualTo(WorkloadState.DEGRADED);
    assertThat(status.pending()).isEqualTo(2);

    // Capacity arrives: the pending ones are placed without any further request.
    cluster.addNode("node-c", Resources.of(2000, 4096));
    cluster.awaitRunning("big", 6);
  }

  @Test
  void aControllerRestartMidReconcileConvergesWithoutDuplicates() {
    cluster.api.apply("web", sleeper(20).build());
    Await.until("some instances created", () -> !cluster.store.instancesOf("web").isEmpty());
    cluster.restartController();
    cluster.api.scale("web", 12);
    cluster.restartController();
    cluster.awaitRunning("web", 12);
    assertThat(cluster.live("web")).hasSize(12);
  }

  @Test
  void deletingAWorkloadStopsItsInstancesThenRemovesIt() {
    cluster.api.apply("web", sleeper(3).build());
    cluster.awaitRunning("web", 3);
    cluster.api.delete("web");
    Await.until(
        "workload and instances gone",
        Duration.ofSeconds(30),
        () ->
            cluster.store.workload("web").isEmpty() && cluster.store.instancesOf("web").isEmpty());
    assertThat(cluster.runtimes.values().stream().mapToInt(r -> r.list().size()).sum()).isZero();
  }
}
