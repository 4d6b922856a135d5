package dev.aino.bench;

import dev.aino.api.OrchestratorService;
import dev.aino.api.impl.CoreOrchestratorService;
import dev.aino.metrics.Metrics;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.Node;
import dev.aino.model.Resources;
import dev.aino.model.WorkloadSpec;
import dev.aino.reconcile.ClusterCache;
import dev.aino.reconcile.Controller;
import dev.aino.reconcile.ControllerConfig;
import dev.aino.reconcile.LeaderGate;
import dev.aino.reconcile.MemberView;
import dev.aino.scheduler.Scheduler;
import dev.aino.scheduler.SchedulerConfig;
import dev.aino.server.ControlPlane;
import dev.aino.server.metrics.MicrometerMetrics;
import dev.aino.store.FencedStateStore;
import dev.aino.store.StateStore;
import dev.aino.store.StoreOptions;
import dev.aino.store.WriteOp;
import dev.aino.store.etcd.EtcdConfig;
import dev.aino.store.etcd.EtcdLeaderElection;
import dev.aino.store.etcd.EtcdStateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A C1M-style run through the real controller, scheduler and store: {@code --nodes} simulated nodes
 * (no agents: placement is what is measured, as in Nomad's C1M), {@code --workloads} x {@code
 * --replicas} instances applied through {@link OrchestratorService}; reports the time until every
 * instance is placed, placements/s and peak heap. Anchors: Nomad's C1M placed 1,000,000 containers
 * on 5,000 hosts at ~3,750/s with 5 servers; kube-scheduler's gate is 680-810 pods/s at 5,000
 * nodes. Target here: 10,000 placements/s end to end.
 */
final class C1mBench {
  private C1mBench() {}

  public static void main(String[] argv) throws Exception {
    Args args =
        new Args(
            argv,
            Args.union(
                StoreSite.OPTIONS,
                BenchStores.OPTIONS,
                List.of(
                    "apply-threads",
                    "metrics",
                    "nodes",
                    "replicas",
                    "rounds",
                    "servers",
                    "workloads")));
    String servers = args.text("servers", "");
    if (!servers.isEmpty()) {
      runServers(args, servers);
      return;
    }
    String mode = args.text("metrics", "none");
    switch (mode) {
      case "none" -> run(args, false);
      case "micrometer" -> run(args, true);
      case "both" -> {
        // Alternating rounds in one process, so both see the same machine, JIT and heap.
        // The first run in a process pays for class loading and JIT, so it is not counted.
        int rounds = args.integer("rounds", 2);
        System.out.println("warm-up run, not counted:");
        run(args, true);
        double without = 0;
        double with = 0;
        for (int r = 0; r < rounds; r++) {
          without += run(args, false);
          with += run(args, true);
        }
        System.out.printf(
            "c1m metrics: %.0f placements/s without, %.0f with Micrometer = %.3f of the rate"
                + " (mean of %d rounds each, after a warm-up run)%n",
            without / rounds, with / rounds, with / without, rounds);
      }
      default -> throw new Args.UsageException("--metrics: none, micrometer or both, not " + mode);
    }
  }

  /** One run; returns the end-to-end placements per second. */
  private static double run(Args args, boolean instrumented) throws Exception {
    int nodes = args.integer("nodes", 5000);
    int workloads = args.integer("workloads", 1000);
    int replicas = args.integer("replicas", 1000);
    int applyThreads = applyThreads(args);
    long total = (long) workloads * replicas;
    StoreOptions options =
        StoreOptions.defaults().withRetainedChanges(200_000).withMaxEvents(20_000);
    try (StoreSite site = StoreSite.of(args);
        StateStore store = BenchStores.open(args, site, options);
        HeapSampler heap = new HeapSampler();
        MicrometerMetrics micrometer = instrumented ? new MicrometerMetrics() : null) {
      Metrics metrics = instrumented ? micrometer : Metrics.NONE;
      store.reportTo(metrics);
      registerNodes(store, nodes);
      Scheduler scheduler = new Scheduler(SchedulerConfig.defaults().withSeed(7));
      ControllerConfig config =
          ControllerConfig.defaults().withSeed(7).withResync(Duration.ofMinutes(10));
      try (Controller controller =
          new Controller(
              store,
              scheduler,
              config,
              Clock.systemUTC(),
              LeaderGate.ALWAYS,
              metrics,
              MemberView.NONE)) {
        AtomicLong placed = new AtomicLong();
        ClusterCache cache = controller.cache();
        if (instrumented) {
          metrics.clusterState(ControlPlane.stateCounts(cache));
        }
        cache.addListener(
            change -> {
              if (change.current() instanceof Instance now
                  && now.phase() == InstancePhase.SCHEDULED
                  && (change.previous() == null
                      || ((Instance) change.previous()).phase() == InstancePhase.PENDING)) {
                placed.incrementAndGet();
              }
            });
        controller.start();
        OrchestratorService api = new CoreOrchestratorService(store, scheduler, Clock.systemUTC());
        Timing timing =
            applyAndAwaitPlacement(api, workloads, replicas, applyThreads, placed, total);
        double applied = timing.applied();
        double seconds = timing.placed();
        System.out.printf(
            "c1m [%s, metrics %s]: %d nodes, %d workloads x %d replicas = %d instances%n"
                + "  applied all workloads in %.2f s by %d threads; all placed after %.2f s"
                + " = %.0f placements/s end to end%n"
                + "  peak heap %d MiB, %d reconciles%n",
            store.backend(),
            instrumented ? "micrometer" : "none",
            nodes,
            workloads,
            replicas,
            total,
            applied,
            applyThreads,
            seconds,
            total / seconds,
            heap.peakMiB(),
            controller.reconciles());
        if (instrumented) {
          micrometer.scrape(); // the gauges read their counts once, as a scrape would
        }
        return total / seconds;
      }
    }
  }

  /**
   * {@code --servers 1,3}: on one etcd, for each count in one run, that many servers as {@code aino
   * up} makes them: each its own etcd connection, leader election (5 s lease) and controller, the
   * controller writing through the fenced store and acting only while its server leads, so the
   * followers keep their caches and watches open as real ones do. Workloads are applied through the
   * first server's store (any server serves the API). Prints placements/s per count.
   */
  private static void runServers(Args args, String counts) throws Exception {
    if (!args.text("store", "etcd").equals("etcd")) {
      throw new Args.UsageException("--servers needs --store etcd (one etcd, several servers)");
    }
    List<Integer> sizes = new ArrayList<>();
    for (String count : counts.split(",")) {
      try {
        sizes.add(Integer.parseInt(count.trim()));
      } catch (NumberFormatException e) {
        throw new Args.UsageException("--servers: a list of counts like 1,3, not " + counts);
      }
    }
    if (sizes.stream().anyMatch(n -> n < 1 || n > 9)) {
      throw new Args.UsageException("--servers: each count between 1 and 9, got " + counts);
    }
    int nodes = args.integer("nodes", 5000);
    int workloads = args.integer("workloads", 1000);
    int replicas = args.integer("replicas", 1000);
    int applyThreads = applyThreads(args);
    long total = (long) workloads * replicas;
    StoreOptions options =
        StoreOptions.defaults().withRetainedChanges(200_000).withMaxEvents(20_000);
    List<String> lines = new ArrayList<>();
    try (StoreSite site = StoreSite.of(args)) {
      for (int servers : sizes) {
        String namespace = site.newEtcdPrefix("c1m" + servers);
        List<EtcdStateStore> stores = new ArrayList<>();
        List<EtcdLeaderElection> elections = new ArrayList<>();
        List<Controller> controllers = new ArrayList<>();
        try {
          for (int i = 0; i < servers; i++) {
            stores.add(
                new EtcdStateStore(
                    EtcdConfig.of(site.etcdEndpoint())
                        .withNamespace(namespace)
                        .withRequestTimeout(Duration.ofMinutes(2)),
                    options));
          }
          registerNodes(stores.get(0), nodes);
          for (int i = 0; i < servers; i++) {
            EtcdLeaderElection election =
                new EtcdLeaderElection(
                    stores.get(i),
                    "s" + (i + 1),
                    Duration.ofSeconds(5),
                    new EtcdLeaderElection.Listener() {
                      @Override
                      public void elected(long term) {}

                      @Override
                      public void deposed(long term, String reason) {}
                    });
            elections.add(election);
            Controller controller =
                new Controller(
                    new FencedStateStore(stores.get(i), election),
                    new Scheduler(SchedulerConfig.defaults().withSeed(7)),
                    ControllerConfig.defaults().withSeed(7).withResync(Duration.ofMinutes(10)),
                    Clock.systemUTC(),
                    election,
                    Metrics.NONE,
                    MemberView.NONE);
            controllers.add(controller);
            controller.start();
            election.start();
          }
          AtomicLong placed = new AtomicLong();
          controllers
              .get(0)
              .cache()
              .addListener(
                  change -> {
                    if (change.current() instanceof Instance now
                        && now.phase() == InstancePhase.SCHEDULED
                        && (change.previous() == null
                            || ((Instance) change.previous()).phase() == InstancePhase.PENDING)) {
                      placed.incrementAndGet();
                    }
                  });
          long electedBy = System.nanoTime() + Duration.ofSeconds(60).toNanos();
          while (elections.stream().noneMatch(EtcdLeaderElection::isLeader)) {
            if (System.nanoTime() > electedBy) {
              throw new IllegalStateException("no leader among " + servers + " within 60 s");
            }
            Thread.sleep(10);
          }
          OrchestratorService api =
              new CoreOrchestratorService(
                  stores.get(0),
                  new Scheduler(SchedulerConfig.defaults().withSeed(7)),
                  Clock.systemUTC());
          Timing timing =
              applyAndAwaitPlacement(api, workloads, replicas, applyThreads, placed, total);
          double applied = timing.applied();
          double seconds = timing.placed();
          String leader =
              elections.stream()
                  .filter(EtcdLeaderElection::isLeader)
                  .map(e -> e.leaderName().orElse("?"))
                  .findFirst()
                  .orElse("none");
          String line =
              String.format(
                  "c1m [etcd, %d server(s), leader %s]: %d nodes, %d x %d = %d instances;"
                      + " applied in %.2f s by %d threads, all placed after %.2f s"
                      + " = %.0f placements/s",
                  servers,
                  leader,
                  nodes,
                  workloads,
                  replicas,
                  total,
                  applied,
                  applyThreads,
                  seconds,
                  total / seconds);
          System.out.println(line);
          lines.add(line);
        } finally {
          controllers.forEach(Controller::close);
          elections.forEach(EtcdLeaderElection::close);
          stores.forEach(EtcdStateStore::close);
        }
      }
    }
    System.out.println("summary (same etcd, same run):");
    lines.forEach(l -> System.out.println("  " + l));
  }

  /** {@code --apply-threads}: how many client threads apply the workloads (default 4). */
  private static int applyThreads(Args args) {
    int threads = args.integer("apply-threads", 4);
    if (threads < 1 || threads > 64) {
      throw new Args.UsageException("--apply-threads must be between 1 and 64, got " + threads);
    }
    return threads;
  }

  private static void registerNodes(StateStore store, int count) {
    List<WriteOp> batch = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      batch.add(WriteOp.put(Node.of("node-" + n, Resources.of(32_000, 65_536))));
      if (batch.size() == 100) {
        store.commit(batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      store.commit(batch);
    }
  }

  /**
   * Applies the workloads {@code w0}..{@code w(workloads-1)} from {@code threads} client threads,
   * as several API callers would: one caller applying one at a time bounds a large run by the
   * store's round trips, not by the control plane that is measured. The first failure ends the run.
   */
  private static void applyAll(OrchestratorService api, int workloads, int replicas, int threads)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    List<Thread> clients = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread client =
          new Thread(
              () -> {
                for (int w = next.getAndIncrement();
                    w < workloads && failure.get() == null;
                    w = next.getAndIncrement()) {
                  try {
                    api.apply(
                        "w" + w,
                        WorkloadSpec.builder("127.0.0.1:5000/busybox:1.36")
                            .command("sleep", "3600")
                            .resources(100, 128)
                            .replicas(replicas)
                            .build());
                  } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                  }
                }
              },
              "c1m-apply-" + t);
      clients.add(client);
      client.start();
    }
    for (Thread client : clients) {
      client.join();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  /** Seconds until every workload was applied, and until every instance was placed. */
  private record Timing(double applied, double placed) {}

  /**
   * Applies {@code workloads} workloads of {@code replicas} each through {@code api} from {@code
   * applyThreads} client threads and waits until {@code placed} (counted by the caller's watch)
   * reaches {@code total}, reporting progress every 5 s; gives up after 30 minutes.
   */
  private static Timing applyAndAwaitPlacement(
      OrchestratorService api,
      int workloads,
      int replicas,
      int applyThreads,
      AtomicLong placed,
      long total)
      throws InterruptedException {
    long t0 = System.nanoTime();
    applyAll(api, workloads, replicas, applyThreads);
    double applied = (System.nanoTime() - t0) / 1e9;
    long lastReport = System.nanoTime();
    while (placed.get() < total) {
      Thread.sleep(20);
      if (System.nanoTime() - lastReport > 5e9) {
        lastReport = System.nanoTime();
        System.out.printf("  ... %d placed after %.1f s%n", placed.get(), (lastReport - t0) / 1e9);
      }
      if (System.nanoTime() - t0 > Duration.ofMinutes(30).toNanos()) {
        throw new IllegalStateException("not converged after 30 minutes: " + placed.get());
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Timing(applied, seconds);
  }
}
