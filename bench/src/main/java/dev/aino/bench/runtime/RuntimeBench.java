package dev.aino.bench.runtime;

import dev.aino.agent.AgentConfig;
import dev.aino.bench.Args;
import dev.aino.bench.LatencyRecorder;
import dev.aino.bench.Machine;
import dev.aino.files.FileTrees;
import dev.aino.model.ImageReference;
import dev.aino.model.Instance;
import dev.aino.model.WorkloadSpec;
import dev.aino.runtime.ContainerHandle;
import dev.aino.testing.registry.RegistryServer;
import dev.aino.testing.registry.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Container start latency and throughput on one node with real runc, through the real control path,
 * beside bare {@code runc run -d} in the same run (see {@link BareRunc}), the time from a
 * container's exit to its restart running, and a cold pull from a loopback registry. Must run as
 * root (overlay mounts, cgroups).
 */
public final class RuntimeBench {
  private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(2);
  private static final List<Integer> AT_ONCE = List.of(1, 4, 16);

  private final int instances;
  private final int warmupRounds;
  private final int restarts;
  private final BenchNode node;
  private final String image;
  private int workloads;

  private RuntimeBench(
      int instances, int warmupRounds, int restarts, BenchNode node, String image) {
    this.instances = instances;
    this.warmupRounds = warmupRounds;
    this.restarts = restarts;
    this.node = node;
    this.image = image;
  }

  public static void main(String[] argv) throws Exception {
    // The control plane logs every workload it deletes at info: one line per round here.
    System.setProperty("org.slf4j.simpleLogger.log.dev.aino.reconcile.WorkloadReconciler", "warn");
    Args args =
        new Args(argv, List.of("instances", "parallel-starts", "restarts", "warmup-rounds"));
    int instances = args.integer("instances", 100);
    int warmupRounds = args.integer("warmup-rounds", 20);
    int restarts = args.integer("restarts", 20);
    int parallelStarts = args.integer("parallel-starts", AgentConfig.defaultParallelStarts());
    requireRoot("runtime");
    Path dir = Files.createTempDirectory("aino-runtime-bench-");
    String cgroupParent = "/aino-bench-" + ProcessHandle.current().pid();
    RegistryServer registry = new RegistryServer();
    try {
      registry.start();
      registry.pusher().push("busybox", "1", TestImages.busybox());
      String image = registry.address() + "/busybox:1";
      try (BenchNode node =
          new BenchNode(dir.resolve("aino"), registry.address(), cgroupParent, parallelStarts)) {
        System.out.printf(
            "runtime: %s %s, %s; %d instances per measurement, image %s from docker-registry"
                + " on loopback; aino starts at most %d containers at once%n",
            node.runtime.binary().name(),
            node.runtime.binary().version(),
            Machine.describe(),
            instances,
            image,
            parallelStarts);
        new RuntimeBench(instances, warmupRounds, restarts, node, image).run(dir.resolve("bare"));
      }
      // A node with an empty image cache in the now warm process: what a running aino pays to
      // start an image it has never pulled.
      try (BenchNode fresh =
          new BenchNode(dir.resolve("cold"), registry.address(), cgroupParent, parallelStarts)) {
        RuntimeBench bench = new RuntimeBench(instances, 0, 0, fresh, image);
        System.out.printf(
            "cold pull to running (empty image cache, warm process): %.0f ms from apply (goal <"
                + " 1000 ms)  [load %s]%n",
            bench.applyToRunningMillis(), Machine.loadAverage());
        bench.removeAll();
      }
    } finally {
      registry.close();
      FileTrees.delete(dir);
    }
  }

  private void run(Path bareDir) throws Exception {
    // The image cache is empty and nothing is compiled yet: the first workload pulls the image.
    System.out.printf(
        "first start (empty image cache, new process): %.0f ms from apply  [load %s]%n",
        applyToRunningMillis(), Machine.loadAverage());
    byte[] config = Files.readAllBytes(configOfRunningContainer());
    removeAll();
    // Compiles the path before anything is timed: a running aino has long since compiled it, and
    // the JIT compiling meanwhile would be charged to the starts (it took a fifth of the JVM's CPU
    // in the 16-at-once rounds after 20 warm-up rounds of 4).
    for (int atOnce : List.of(1, 4, 16)) {
      for (int i = 0; i < warmupRounds; i++) {
        startRound(atOnce);
        removeAll();
      }
    }
    List<Path> layers = node.images.prepare(ImageReference.parse("image", image)).layers();
    BareRunc bare =
        new BareRunc(
            node.runtime.binary().path(),
            bareDir,
            config,
            layers,
            node.cgroupParent() + "/" + BenchNode.BARE_CGROUPS);
    bare.run(8, 4); // warms runc's binary and the page cache like aino's warm-up did
    System.out.println(
        "at once | aino Scheduled->Running p50 / p95 (->Starting p50) | bare runc run -d p50 / p95"
            + " (overlay mount p50) | ratio p50 / p95 | starts/s aino / bare | CPU ms/start aino (its"
            + " JVM, of which JIT) / bare | load");
    for (int atOnce : AT_ONCE) {
      Measured aino = new Measured();
      Measured baseline = new Measured();
      while (aino.count < instances) {
        // Alternating rounds see the same load on a shared machine.
        measureAino(atOnce, aino);
        BareRunc.Result round = bare.run(atOnce, atOnce);
        baseline.running.addAll(round.runs());
        baseline.starting.addAll(round.mounts());
        baseline.wallNanos += round.wallNanos();
        baseline.busyCpuNanos += round.busyCpuNanos();
        baseline.count += round.count();
      }
      System.out.printf(
          "%7d | %6.1f / %6.1f ms (%5.1f ms) | %6.1f / %6.1f ms (%4.1f ms) | %5.2fx / %5.2fx |"
              + " %6.1f / %6.1f"
              + " | %5.1f (%4.1f, %4.1f) / %5.1f | %s%n",
          atOnce,
          ms(aino.running.percentileNanos(50)),
          ms(aino.running.percentileNanos(95)),
          ms(aino.starting.percentileNanos(50)),
          ms(baseline.running.percentileNanos(50)),
          ms(baseline.running.percentileNanos(95)),
          ms(baseline.starting.percentileNanos(50)),
          (double) aino.running.percentileNanos(50) / baseline.running.percentileNanos(50),
          (double) aino.running.percentileNanos(95) / baseline.running.percentileNanos(95),
          aino.perSecond(),
          baseline.perSecond(),
          aino.cpuMillisPerStart(aino.busyCpuNanos),
          aino.cpuMillisPerStart(aino.jvmCpuNanos),
          aino.cpuMillisPerStart(aino.jitNanos),
          baseline.cpuMillisPerStart(baseline.busyCpuNanos),
          Machine.loadAverage());
    }
    measureRestarts();
  }

  /**
   * Kills the container of a one-replica workload {@code restarts} times, each time once it runs
   * again, and prints the time from its exit to its restart in place running: how fast the agent
   * learns of an exit, plus the restart. The bench node's back-off is 1 ms, so the deliberate delay
   * between restarts is not what is measured.
   */
  private void measureRestarts() throws InterruptedException {
    if (restarts <= 0) {
      return;
    }
    startRound(1);
    String workload = "w" + (workloads - 1);
    LatencyRecorder latency = new LatencyRecorder();
    for (int i = 0; i < restarts; i++) {
      Instance instance = node.store.instancesOf(workload).get(0);
      ContainerHandle handle =
          new ContainerHandle(node.runtime.binary().name(), instance.containerId(), instance.id());
      // SIGTERM, then SIGKILL at once; returns once the container has exited.
      node.runtime.stop(handle, Duration.ZERO);
      long exited = System.nanoTime();
      long running =
          node.times.awaitRestarted(
              instance.id(), instance.restartCount() + 1, exited + ROUND_TIMEOUT.toNanos());
      latency.record(running - exited);
    }
    removeAll();
    System.out.printf(
        "exit to restart Running (%d kills of a running container, back-off 1 ms): p50 %.1f ms,"
            + " p95 %.1f ms, max %.1f ms  [load %s]%n",
        restarts,
        ms(latency.percentileNanos(50)),
        ms(latency.percentileNanos(95)),
        ms(latency.percentileNanos(100)),
        Machine.loadAverage());
  }

  /** Starts one instance of a new workload; the time from apply to Running. */
  private double applyToRunningMillis() throws InterruptedException {
    long applied = System.nanoTime();
    return (startRound(1).get(0).running - applied) / 1e6;
  }

  /** Starts {@code atOnce} instances of one workload, adding their latencies to {@code m}. */
  private void measureAino(int atOnce, Measured m) throws Exception {
    long busy = Machine.busyCpuNanos();
    long jvm = Machine.processCpuNanos();
    long jit = Machine.jitNanos();
    List<StartTimes.Moments> round = startRound(atOnce);
    m.busyCpuNanos += Machine.busyCpuNanos() - busy;
    m.jvmCpuNanos += Machine.processCpuNanos() - jvm;
    m.jitNanos += Machine.jitNanos() - jit;
    long first = Long.MAX_VALUE;
    long last = 0;
    for (StartTimes.Moments moments : round) {
      m.running.record(moments.running - moments.scheduled);
      m.starting.record(moments.starting - moments.scheduled);
      first = Math.min(first, moments.scheduled);
      last = Math.max(last, moments.running);
    }
    m.wallNanos += last - first;
    m.count += round.size();
    removeAll();
  }

  /** Applies a new workload of {@code replicas} and waits until all of them run. */
  private List<StartTimes.Moments> startRound(int replicas) throws InterruptedException {
    String name = "w" + workloads++;
    node.api.apply(
        name,
        WorkloadSpec.builder(image)
            .command("sleep", "3600")
            .resources(100, 64)
            .replicas(replicas)
            .build());
    return node.times.awaitRunning(name, replicas, System.nanoTime() + ROUND_TIMEOUT.toNanos());
  }

  /** Deletes the last workload and waits until its containers are gone (not timed). */
  private void removeAll() throws InterruptedException {
    String name = "w" + (workloads - 1);
    node.api.delete(name);
    node.awaitGone(name, ROUND_TIMEOUT);
  }

  private Path configOfRunningContainer() {
    String last = "w" + (workloads - 1);
    Instance instance = node.store.instancesOf(last).get(0);
    return node.dataDir.resolve("bundles").resolve(instance.id()).resolve("config.json");
  }

  /** Exits with code 2, saying why, unless this process runs as root. */
  static void requireRoot(String benchmark) throws java.io.IOException {
    Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    if (!Integer.valueOf(0).equals(uid)) {
      System.err.println(
          benchmark
              + ": must run as root (it mounts overlays, creates cgroups and runs runc); running"
              + " as uid "
              + uid);
      System.exit(2);
    }
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  /**
   * What one concurrency level measured: through aino, Scheduled to Running and to Starting; bare,
   * {@code runc run -d} and the overlay mount before it.
   */
  private static final class Measured {
    final LatencyRecorder running = new LatencyRecorder();
    final LatencyRecorder starting = new LatencyRecorder();
    long wallNanos;
    long busyCpuNanos;
    long jvmCpuNanos;
    long jitNanos;
    int count;

    double perSecond() {
      return count / (wallNanos / 1e9);
    }

    /** Machine-wide (or the JVM's) CPU time per container started, while the starts ran. */
    double cpuMillisPerStart(long cpuNanos) {
      return cpuNanos / 1e6 / count;
    }
  }
}
