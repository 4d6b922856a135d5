package dev.aino.bench.store;

import dev.aino.bench.BenchStores;
import dev.aino.bench.StoreSite;
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

  private void conditionalWrites(AinoTarget aino, WriteTarget bare, int threads) throws Exception {
    String run = "cas" + threads;
    Figure ainoFigure = Figure.rate(conditionalWrites(aino, run, threads));
    Figure bareFigure = bare == null ? null : Figure.rate(conditionalWrites(bare, run, threads));
    String label = threads == 1 ? "1 thread" : threads + " threads";
    report.row("conditional writes (" + label + ")", ainoFigure, bareFigure);
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
      Figure ainoLoad = loadFigure(aino);
      Figure bareLoad = bare == null ? null : loadFigure(bare);
      report.row("batched creates (" + BatchWrites.BATCH + " per commit)", ainoLoad, bareLoad);
      ReadTarget bareReads = bare instanceof ReadTarget read ? read : null;
      String workload = "bulk" + (WORKLOADS / 2);
      report.row(
          String.format(Locale.ROOT, "list 1 workload (%,d instances)", PER_WORKLOAD),
          listWorkload(aino, workload),
          bareReads == null ? null : listWorkload(bareReads, workload));
      report.row(
          String.format(Locale.ROOT, "list all %,d instances", LISTED),
          listAll(aino),
          bareReads == null ? null : listAll(bareReads));
    }
  }

  /**
   * Warmed up by count as well as time: decoding is cold at first (no write decodes) and a cold
   * list of 1,000 can take most of a second.
   */
  private Figure listWorkload(ReadTarget target, String workload) throws Exception {
    ClosedLoop.Warmup warmup = new ClosedLoop.Warmup(settings.warmup(), WARMUP_LISTS);
    return Figure.perCall(
        Listing.workload(target, workload, PER_WORKLOAD, warmup, settings.measure()));
  }

  /**
   * Without a warm-up of its own: the lists of one workload just before ran the same code tens of
   * thousands of times, and one list of everything can take seconds.
   */
  private Figure listAll(ReadTarget target) throws Exception {
    return Figure.perCall(
        Listing.all(target, LISTED, ClosedLoop.Warmup.of(Duration.ZERO), settings.measure()));
  }

  private static Figure loadFigure(WriteTarget target) throws Exception {
    return Figure.itemRate(
        BatchWrites.load(target, "bulk", WORKLOADS, PER_WORKLOAD), "instances", "commit");
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
