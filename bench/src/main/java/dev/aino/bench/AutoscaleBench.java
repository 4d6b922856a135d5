package dev.aino.bench;

import dev.aino.agent.AgentConfig;
import dev.aino.agent.NodeAgent;
import dev.aino.api.OrchestratorService;
import dev.aino.api.impl.CoreOrchestratorService;
import dev.aino.autoscale.Autoscaler;
import dev.aino.autoscale.AutoscalerConfig;
import dev.aino.model.AutoscalePolicy;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.Resources;
import dev.aino.model.WorkloadSpec;
import dev.aino.reconcile.Controller;
import dev.aino.reconcile.ControllerConfig;
import dev.aino.reconcile.LeaderGate;
import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.simulated.SimulatedRuntime;
import dev.aino.scheduler.Scheduler;
import dev.aino.scheduler.SchedulerConfig;
import dev.aino.store.StateStore;
import dev.aino.store.memory.InMemoryStateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Autoscaler reaction time on the simulated runtime: a workload of 2 replicas runs at 30% of its
 * CPU request (target 60%); the load jumps to 90% on every container at once, and the benchmark
 * times how long until the autoscaler has written the higher count (the {@code Autoscaled}
 * decision), and until the new replicas run. In-process: memory store, the real controller, one
 * node agent sampling the simulated runtime, the real autoscaler, all on the system clock.
 *
 * <p>The reaction is bounded by the settings, not by computation: the average over the usage window
 * must cross the target (at 30% → 90% against 60%, half the window), the agent must sample ({@code
 * --stats-interval-ms}) and the autoscaler must pass ({@code --interval-ms}). The defaults are
 * those of {@code aino up} (5 s, 30 s, 15 s); smaller ones show what the machinery itself adds.
 */
public final class AutoscaleBench {
  private static final long POLL_MILLIS = 1;

  private AutoscaleBench() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv, List.of("interval-ms", "rounds", "stats-interval-ms", "window-ms"));
    int rounds = args.integer("rounds", 5);
    Duration stats = Duration.ofMillis(args.integer("stats-interval-ms", 5000));
    Duration window = Duration.ofMillis(args.integer("window-ms", 30000));
    Duration interval = Duration.ofMillis(args.integer("interval-ms", 15000));
    if (rounds < 1) {
      throw new Args.UsageException("--rounds must be at least 1");
    }
    System.out.printf(
        "autoscale: %d rounds, samples every %d ms over %d ms, a pass every %d ms; %s%n",
        rounds, stats.toMillis(), window.toMillis(), interval.toMillis(), Machine.describe());

    StateStore store = new InMemoryStateStore();
    Scheduler scheduler = new Scheduler(SchedulerConfig.defaults());
    Clock clock = Clock.systemUTC();
    SimulatedRuntime runtime = new SimulatedRuntime();
    Controller controller =
        new Controller(store, scheduler, ControllerConfig.defaults(), clock, LeaderGate.ALWAYS)
            .start();
    NodeAgent agent =
        new NodeAgent(
            "bench-node",
            store,
            runtime,
            AgentConfig.builder(Resources.of(64_000, 65_536))
                .pollInterval(Duration.ofMillis(20))
                .statsInterval(stats)
                .usageWindow(window)
                .build(),
            clock);
    agent.start();
    Autoscaler autoscaler =
        new Autoscaler(
                store,
                agent.usageSource(),
                AutoscalerConfig.DEFAULTS.withInterval(interval),
                clock,
                LeaderGate.ALWAYS)
            .start();
    OrchestratorService api =
        new CoreOrchestratorService(
            store,
            scheduler,
            clock,
            agent.logSource(),
            agent.usageSource(),
            dev.aino.image.LocalImages.NONE);
    LatencyRecorder decided = new LatencyRecorder();
    LatencyRecorder running = new LatencyRecorder();
    try {
      for (int round = 1; round <= rounds; round++) {
        String name = "web-" + round;
        api.apply(
            name,
            WorkloadSpec.builder("bench/web:1")
                .command("load", "cpu=30m")
                .resources(Resources.of(100, 64))
                .replicas(2)
                .autoscale(AutoscalePolicy.cpu(2, 4, 60))
                .build());
        await(() -> runningCount(store, name) == 2, Duration.ofSeconds(30), name + " to run");
        // A whole window of the low load first, so the jump is all the average sees change.
        Thread.sleep(window.plus(stats).toMillis());

        long changed = System.nanoTime();
        for (ContainerHandle h : runtime.list()) {
          if (Instance.workloadOf(h.instanceId()).equals(name)) {
            runtime.setUsage(h.containerId(), 90, 16L * 1024 * 1024);
          }
        }
        Duration limit = window.plus(stats).plus(interval).multipliedBy(3);
        await(() -> replicas(store, name) > 2, limit, name + " to be scaled up");
        long decision = System.nanoTime() - changed;
        await(() -> runningCount(store, name) == replicas(store, name), limit, "new replicas");
        long up = System.nanoTime() - changed;
        decided.record(decision);
        running.record(up);
        System.out.printf(
            "  round %d: 2 -> %d, decided after %.2f s, running after %.2f s%n",
            round, replicas(store, name), decision / 1e9, up / 1e9);
        api.delete(name);
        await(() -> store.workload(name).isEmpty(), Duration.ofSeconds(30), name + " deleted");
      }
      System.out.printf(
          "load change -> Autoscaled decision: p50 %.2f s, max %.2f s; -> new replicas running:"
              + " p50 %.2f s, max %.2f s (%d rounds)%n",
          decided.percentileNanos(50) / 1e9,
          decided.percentileNanos(100) / 1e9,
          running.percentileNanos(50) / 1e9,
          running.percentileNanos(100) / 1e9,
          rounds);
    } finally {
      autoscaler.close();
      agent.close();
      controller.close();
      runtime.close();
      store.close();
    }
  }

  private static int replicas(StateStore store, String name) {
    return store.workload(name).map(w -> w.spec().replicas()).orElse(0);
  }

  private static long runningCount(StateStore store, String name) {
    return store.instancesOf(name).stream().filter(i -> i.phase() == InstancePhase.RUNNING).count();
  }

  private static void await(BooleanSupplier condition, Duration limit, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + limit + " waiting for " + what);
      }
      Thread.sleep(POLL_MILLIS);
    }
  }
}
