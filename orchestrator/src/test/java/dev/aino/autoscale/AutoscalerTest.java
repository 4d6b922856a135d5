package dev.aino.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.agent.AgentConfig;
import dev.aino.agent.NodeAgent;
import dev.aino.api.OrchestratorService;
import dev.aino.api.WorkloadStatus;
import dev.aino.api.impl.CoreOrchestratorService;
import dev.aino.image.LocalImages;
import dev.aino.model.AutoscalePolicy;
import dev.aino.model.Event;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.ObjectRef;
import dev.aino.model.Resources;
import dev.aino.model.WorkloadSpec;
import dev.aino.reconcile.Controller;
import dev.aino.reconcile.ControllerConfig;
import dev.aino.reconcile.LeaderGate;
import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.simulated.SimulatedRuntime;
import dev.aino.runtime.simulated.SimulationConfig;
import dev.aino.scheduler.Scheduler;
import dev.aino.scheduler.SchedulerConfig;
import dev.aino.store.StateStore;
import dev.aino.store.memory.InMemoryStateStore;
import dev.aino.testing.Await;
import dev.aino.testing.CountingMetrics;
import dev.aino.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The autoscaler over a whole single-node cluster: the real controller, a node agent sampling a
 * simulated runtime, and the facade. The runtime, the agent's samples and the autoscaler share a
 * clock the test moves, so a five-minute stabilization window takes no time; the controller runs on
 * the system clock, since it only places and stops instances.
 */
class AutoscalerTest {
  private static final String IMAGE = "127.0.0.1:5000/busybox:1.36";
  private static final long MIB = 1024L * 1024;

  private final MutableClock clock = new MutableClock(Instant.now());
  private StateStore store;
  private SimulatedRuntime runtime;
  private Controller controller;
  private NodeAgent agent;
  private Autoscaler autoscaler;
  private OrchestratorService api;
  private final CountingMetrics metrics = new CountingMetrics();

  @BeforeEach
  void startCluster() {
    store = new InMemoryStateStore();
    Scheduler scheduler = new Scheduler(SchedulerConfig.defaults());
    controller =
        new Controller(
            store, scheduler, ControllerConfig.defaults(), Clock.systemUTC(), LeaderGate.ALWAYS);
    controller.start();
    runtime = new SimulatedRuntime(SimulationConfig.builder().clock(clock).build());
    AgentConfig config =
        AgentConfig.builder(Resources.of(8000, 8192))
            .heartbeatInterval(Duration.ofMillis(50))
            .pollInterval(Duration.ofMillis(10))
            .stopGrace(Duration.ofMillis(100))
            .statsInterval(Duration.ofHours(1)) // the test samples when it moves the clock
            .usageWindow(Duration.ofSeconds(30))
            .build();
    agent = new NodeAgent("node-a", store, runtime, config, clock);
    agent.start();
    autoscaler =
        new Autoscaler(
            store,
            agent.usageSource(),
            AutoscalerConfig.DEFAULTS,
            clock,
            LeaderGate.ALWAYS,
            metrics);
    api =
        new CoreOrchestratorService(
            store,
            scheduler,
            Clock.systemUTC(),
            agent.logSource(),
            agent.usageSource(),
            LocalImages.NONE);
  }

  @AfterEach
  void stopCluster() {
    autoscaler.close();
    agent.close();
    controller.close();
    runtime.close();
    store.close();
  }

  private static WorkloadSpec spec(int replicas, AutoscalePolicy policy, String... command) {
    return WorkloadSpec.builder(IMAGE)
        .command(command)
        .resources(Resources.of(100, 64))
        .replicas(replicas)
        .autoscale(policy)
        .build();
  }

  /** What the agent's timer does every stats interval, with {@code step} of time in between. */
  private void measureFor(Duration step) {
    agent.sampleUsage();
    clock.advance(step);
    agent.sampleUsage();
  }

  private List<Instance> awaitRunning(String workload, int count) {
    return Await.value(
        count + " running instances of " + workload,
        Await.DEFAULT_TIMEOUT,
        () -> {
          List<Instance> live =
              store.instancesOf(workload).stream()
                  .filter(i -> i.phase() == InstancePhase.RUNNING)
                  .toList();
          boolean settled =
              store.instancesOf(workload).stream()
                  .noneMatch(i -> !i.phase().isTerminal() && i.phase() != InstancePhase.RUNNING);
          return live.size() == count && settled ? live : null;
        },
        () -> store.instancesOf(workload));
  }

  private List<String> events(String workload, String reason) {
    return store.events(ObjectRef.workload(workload)).stream()
        .filter(e -> e.reason().equals(reason))
        .map(Event::message)
        .toList();
  }

  private void setLoad(String workload, long cpuMillis, long memoryBytes) {
    for (ContainerHandle h : runtime.list()) {
      if (Instance.workloadOf(h.instanceId()).equals(workload)) {
        runtime.setUsage(h.containerId(), cpuMillis, memoryBytes);
      }
    }
  }

  @Test
  void scalesUpAtOnceWhenTheLoadRisesAndDownOnlyAfterTheStabilizationWindow() {
    api.apply("web", spec(3, AutoscalePolicy.cpu(2, 5, 60), "load", "cpu=90m", "memory=16Mi"));
    awaitRunning("web", 3);

    measureFor(Duration.ofSeconds(10));
    assertThat(api.workload("web").usage().cpuPercent()).isEqualTo(90);
    assertThat(autoscaler.pass()).containsExactly("web");
    assertThat(store.workload("web").orElseThrow().spec().replicas()).isEqualTo(5);
    assertThat(events("web", "Autoscaled"))
        .containsExactly("cpu 90% of request > target 60%: 3 -> 5");
    awaitRunning("web", 5);

    // Still hot, but already at its maximum.
    measureFor(Duration.ofSeconds(10));
    assertThat(autoscaler.pass()).isEmpty();

    // The load drops: the recommendation is 2 at once, but the count waits out the window.
    setLoad("web", 12, 16 * MIB);
    measureFor(Duration.ofSeconds(30));
    WorkloadStatus cool = api.workload("web");
    assertThat(cool.usage().cpuPercent()).isEqualTo(12);
    assertThat(cool.usage().instances()).isEqualTo(5);
    assertThat(autoscaler.pass()).isEmpty();
    assertThat(store.workload("web").orElseThrow().spec().replicas()).isEqualTo(5);
    assertThat(events("web", "AutoscaleStabilizing"))
        .singleElement()
        .asString()
        .contains("recommends 2; keeping 5")
        .contains("5 min");

    clock.advance(Duration.ofMinutes(4));
    measureFor(Duration.ofSeconds(30));
    assertThat(autoscaler.pass())
        .as("the last high recommendation is still in the window")
        .isEmpty();

    clock.advance(Duration.ofSeconds(30));
    measureFor(Duration.ofSeconds(30));
    assertThat(autoscaler.pass()).containsExactly("web");
    assertThat(store.workload("web").orElseThrow().spec().replicas()).isEqualTo(2);
    assertThat(events("web", "Autoscaled"))
        .contains("cpu 12% of request < target 60% (bounded by minReplicas 2): 5 -> 2");
    awaitRunning("web", 2);
    assertThat(metrics.count("autoscaler scale_up")).isEqualTo(1);
    assertThat(metrics.count("autoscaler unchanged")).as("hot, at its maximum").isEqualTo(1);
    assertThat(metrics.count("autoscaler held")).isEqualTo(2);
    assertThat(metrics.count("autoscaler scale_down")).isEqualTo(1);
  }

  @Test
  void aShortDipDoesNotScaleDownAndAMemoryTargetScalesUp() {
    api.apply("api", spec(2, new AutoscalePolicy(1, 6, 60, 50), "load", "cpu=60m", "memory=32Mi"));
    awaitRunning("api", 2);
    measureFor(Duration.ofSeconds(10));
    assertThat(autoscaler.pass()).as("cpu on target, memory 50% on target").isEmpty();

    setLoad("api", 10, 16 * MIB); // a dip for a minute
    measureFor(Duration.ofSeconds(30));
    assertThat(autoscaler.pass()).isEmpty();
    clock.advance(Duration.ofSeconds(30));
    setLoad("api", 60, 48 * MIB); // back, and memory grows to 75% of the request
    measureFor(Duration.ofSeconds(30));
    assertThat(autoscaler.pass()).containsExactly("api");
    assertThat(store.workload("api").orElseThrow().spec().replicas()).isEqualTo(3);
    assertThat(events("api", "Autoscaled"))
        .containsExactly("memory 75% of request > target 50%: 2 -> 3");
  }

  @Test
  void aManualScaleIsClampedToTheBoundsAndSaysSo() {
    api.apply("db", spec(2, AutoscalePolicy.cpu(2, 4, 60), "load", "cpu=60m"));

    assertThat(api.scale("db", 10).workload().spec().replicas()).isEqualTo(4);
    assertThat(events("db", "Scaled"))
        .containsExactly(
            "scaled to 4 replicas, not the 10 asked: its autoscale policy keeps it at 2 to 4"
                + " replicas at 60% CPU of the request");
    assertThat(api.scale("db", 3).workload().spec().replicas()).isEqualTo(3);
  }

  @Test
  void statsOfAnInstanceAverageItsWindow() {
    api.apply("job", spec(1, null, "sh", "-c", "load cpu=0.05 memory=32Mi"));
    Instance running = awaitRunning("job", 1).get(0);
    measureFor(Duration.ofSeconds(10));
    var usage = api.stats(running.id());
    assertThat(usage.cpuMillis()).isEqualTo(50);
    assertThat(usage.cpuPercent()).isEqualTo(50);
    assertThat(usage.memoryBytes()).isEqualTo(32 * MIB);
    assertThat(usage.memoryPercent()).isEqualTo(50);
    assertThat(usage.window()).isEqualTo(Duration.ofSeconds(10));
    assertThat(usage.node()).isEqualTo("node-a");
  }
}
