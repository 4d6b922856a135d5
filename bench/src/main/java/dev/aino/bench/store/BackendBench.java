package dev.aino.bench.store;

import dev.aino.bench.BenchStores;
import dev.aino.bench.ClosedLoop;
import dev.aino.bench.StoreSite;
import dev.aino.bench.Throughput;
import dev.aino.store.StoreOptions;
import java.time.Duration;
import java.util.Locale;

/**
 * Every measurement on one backend: aino's store beside the backend's bare client where it has one
 * (SQLite: JDBC, for writes; etcd: jetcd, for everything), the two measured in turn, each on fresh
 * stores of its own.
 */
final class BackendBench {
  private static final int WORKLOADS = 100;
  private static final int PER_WORKLOAD = 1_000;
  private static final int LISTED = WORKLOADS * PER_WORKLOAD;
  private static final Duration WRITE_WARMUP = Duration.ofSeconds(3);
  private static final int WARMUP_WORKLOADS = 10;
  private static final int WARMUP_LISTS = 30;
  private static final int WATCH_RATE = 200;

  private final String backend;
  private final StoreSite site;
  private final StoreBenchSettings settings;
  private final Report report;
  private final byte[] template = Payloads.bareTemplate();

  BackendBench(String backend, StoreSite site, StoreBenchSettings settings, Report report) {
    this.backend = backend;
    this.site = site;
    this.settings = settings;
    this.report = report;
  }

  void run() throws Exception {
    // Scratch stores for the writes, the batches' warm-up and the watch; lists get their own.
    try (AinoTarget aino = openAino();
        WriteTarget bare = openBare()) {
      report.startBackend(backend, bare == null ? null : bare.name());
      describeSite();
      warmUpWrites(aino, bare);
      conditionalWrites(aino, bare, 1);
      if (settings.threads() > 1) {
        conditionalWrites(aino, bare, settings.threads());
      }
      warmUpBatches(aino, bare);
      batchesAndLists();
      watch(aino, bare instanceof ReadTarget read ? read : null);
    }
    if (backend.equals("etcd") && settings.checkPerf()) {
      report.note("etcdctl check perf --load=s: " + EtcdPerfCheck.run(site.etcdEndpoint()));
    }
  }

  private void describeSite() {
    if (backend.equals("sqlite")) {
      report.note("SQLite files in a temp dir under " + site.dataDirBase());
    }
    if (backend.equals("etcd")) {
      report.note(
          "etcd at "
              + site.etcdEndpoint()
              + (site.startedEtcd()
                  ? ", started by the benchmark with its data in a temp dir"
                  : ""));
    }
  }

  /**
   * Untimed writes through both before either is timed. They share code (jetcd and gRPC, or
   * sqlite-jdbc), which the JIT compiles only after thousands of calls: whichever went first would
   * pay for that alone.
   */
  private void warmUpWrites(AinoTarget aino, WriteTarget bare) throws Exception {
    ConditionalWrites.run(aino, "warmup", settings.threads(), Duration.ZERO, WRITE_WARMUP);
    if (bare != null) {
      ConditionalWrites.run(bare, "warmup", settings.threads(), Duration.ZERO, WRITE_WARMUP);
    }
  }

  private void conditionalWrites(AinoTarget aino, WriteTarget bare, int threads) throws Exception {
    String run = "cas" + threads;
    Throughput ainoWrites = conditionalWrites(aino, run, threads);
    Throughput bareWrites = bare == null ? null : conditionalWrites(bare, run, threads);
    String label = threads == 1 ? "1 thread" : threads + " threads";
    report.row(
        "conditional writes (" + label + ")",
        Figure.rate(ainoWrites),
        bareWrites == null ? null : Figure.rate(bareWrites));
    cpuRow("CPU per write (" + label + ")", "write", ainoWrites, bareWrites);
  }

  /** The CPU time behind a measurement, in a row under it. */
  private void cpuRow(String label, String item, Throughput aino, Throughput bare) {
    report.row("  " + label, Figure.cpu(aino, item), bare == null ? null : Figure.cpu(bare, item));
  }

  private Throughput conditionalWrites(WriteTarget target, String run, int threads)
      throws Exception {
    return ConditionalWrites.run(target, run, threads, settings.warmup(), settings.measure());
  }

  /** Untimed batches, so that the timed ones run compiled code. */
  private static void warmUpBatches(AinoTarget aino, WriteTarget bare) throws Exception {
    BatchWrites.load(aino, "warm", WARMUP_WORKLOADS, PER_WORKLOAD);
    if (bare != null) {
      BatchWrites.load(bare, "warm", WARMUP_WORKLOADS, PER_WORKLOAD);
    }
  }

  /** On fresh stores, so that the lists hold exactly the batches' instances. */
  private void batchesAndLists() throws Exception {
    try (AinoTarget aino = openAino();
        WriteTarget bare = openBare()) {
      Throughput ainoLoad = load(aino);
      Throughput bareLoad = bare == null ? null : load(bare);
      report.row(
          "batched creates (" + BatchWrites.BATCH + " per commit)",
          loadFigure(ainoLoad),
          bareLoad == null ? null : loadFigure(bareLoad));
      cpuRow("CPU per instance (batched)", "instance", ainoLoad, bareLoad);
      ReadTarget bareReads = bare instanceof ReadTarget read ? read : null;
      String workload = "bulk" + (WORKLOADS / 2);
      listRows(
          String.format(Locale.ROOT, "list 1 workload (%,d instances)", PER_WORKLOAD),
          "CPU per list (1 workload)",
          listWorkload(aino, workload),
          bareReads == null ? null : listWorkload(bareReads, workload));
      listRows(
          String.format(Locale.ROOT, "list all %,d instances", LISTED),
          "CPU per list (all)",
          listAll(aino),
          bareReads == null ? null : listAll(bareReads));
    }
  }

  private static Throughput load(WriteTarget target) throws Exception {
    return BatchWrites.load(target, "bulk", WORKLOADS, PER_WORKLOAD);
  }

  private static Figure loadFigure(Throughput load) {
    return Figure.itemRate(load, "instances", "commit");
  }

  private void listRows(String label, String cpuLabel, Throughput aino, Throughput bare) {
    report.row(label, Figure.perCall(aino), bare == null ? null : Figure.perCall(bare));
    cpuRow(cpuLabel, "list", aino, bare);
  }

  /**
   * Warmed up by count as well as time: decoding is cold at first (no write decodes) and a cold
   * list of 1,000 can take most of a second.
   */
  private Throughput listWorkload(ReadTarget target, String workload) throws Exception {
    ClosedLoop.Warmup warmup = new ClosedLoop.Warmup(settings.warmup(), WARMUP_LISTS);
    return Listing.workload(target, workload, PER_WORKLOAD, warmup, settings.measure());
  }

  /**
   * Without a warm-up of its own: the lists of one workload just before ran the same code tens of
   * thousands of times, and one list of everything can take seconds.
   */
  private Throughput listAll(ReadTarget target) throws Exception {
    return Listing.all(target, LISTED, ClosedLoop.Warmup.of(Duration.ZERO), settings.measure());
  }

  private void watch(AinoTarget aino, ReadTarget bare) throws Exception {
    WatchLatency.Result ainoResult = watch(aino);
    WatchLatency.Result bareResult = bare == null ? null : watch(bare);
    report.row(
        "watch delivery (" + WATCH_RATE + " writes/s)",
        Figure.latency(ainoResult.latencies()),
        bareResult == null ? null : Figure.latency(bareResult.latencies()));
    reportMissed("aino", ainoResult);
    if (bareResult != null) {
      reportMissed(bare.name(), bareResult);
    }
  }

  private WatchLatency.Result watch(ReadTarget target) throws Exception {
    return WatchLatency.run(target, WATCH_RATE, settings.warmup(), settings.measure());
  }

  private void reportMissed(String who, WatchLatency.Result result) {
    if (result.missed() > 0) {
      report.note(
          who
              + "'s watcher never received "
              + result.missed()
              + " of "
              + result.written()
              + " writes");
    }
  }

  private AinoTarget openAino() {
    return new AinoTarget(BenchStores.open(backend, site, StoreOptions.defaults()));
  }

  /** The bare client below aino's backend, or null for memory, which has none. */
  private WriteTarget openBare() throws Exception {
    switch (backend) {
      case "sqlite":
        return new BareSqliteTarget(site.newDataDir("jdbc"), template);
      case "etcd":
        return new BareEtcdTarget(site.etcdEndpoint(), site.newEtcdPrefix("bare"), template);
      default:
        return null;
    }
  }
}
