package dev.aino.bench.store;

import dev.aino.bench.BenchStores;
import dev.aino.bench.ClosedLoop;
import dev.aino.bench.StoreSite;
import dev.aino.bench.Throughput;
import dev.aino.store.StoreOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Every measurement on one backend: aino's store beside the backend's bare client where it has one
 * (SQLite: JDBC, for writes; etcd: jetcd, for everything), in {@code --rounds} alternating rounds
 * (aino then bare, then bare then aino, ...), so that drift over the run (a growing etcd database,
 * a neighbour's load) weighs on both alike; each row shows the round with the median ratio and the
 * spread of the ratios over all rounds.
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

  /** One side's measurement in round {@code round} (0-based). */
  private interface Side<T> {
    T measure(int round) throws Exception;
  }

  /** What every round measured, per side; {@code bare} is empty when there is no baseline. */
  private record Rounds<T>(List<T> aino, List<T> bare) {}

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
    report.note(
        settings.rounds()
            + " rounds per measurement, aino and the baseline in turn; shown: the round with the"
            + " median ratio, and the ratios' range");
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
   * Measures both sides in {@link StoreBenchSettings#rounds()} rounds; who goes first alternates.
   */
  private <T> Rounds<T> inRounds(Side<T> aino, Side<T> bare) throws Exception {
    List<T> ainoResults = new ArrayList<>();
    List<T> bareResults = new ArrayList<>();
    for (int round = 0; round < settings.rounds(); round++) {
      boolean ainoFirst = round % 2 == 0;
      if (ainoFirst) {
        ainoResults.add(aino.measure(round));
      }
      if (bare != null) {
        bareResults.add(bare.measure(round));
      }
      if (!ainoFirst) {
        ainoResults.add(aino.measure(round));
      }
    }
    return new Rounds<>(ainoResults, bareResults);
  }

  /**
   * Prints a row of every round's figures: without a baseline aino's median, else the round with
   * the median ratio and the range of all rounds' ratios.
   */
  private <T> void row(String label, Rounds<T> rounds, Function<T, Figure> figure) {
    List<Figure> aino = rounds.aino().stream().map(figure).toList();
    if (rounds.bare().isEmpty()) {
      List<Figure> sorted = new ArrayList<>(aino);
      sorted.sort((a, b) -> Double.compare(a.value(), b.value()));
      report.row(label, sorted.get(sorted.size() / 2), null, null);
      return;
    }
    List<Figure> bare = rounds.bare().stream().map(figure).toList();
    List<Integer> byRatio = new ArrayList<>();
    for (int i = 0; i < aino.size(); i++) {
      byRatio.add(i);
    }
    byRatio.sort((a, b) -> Double.compare(ratio(aino, bare, a), ratio(aino, bare, b)));
    int median = byRatio.get(byRatio.size() / 2);
    String spread =
        byRatio.size() < 2
            ? null
            : String.format(
                Locale.ROOT,
                "%.2f-%.2f",
                ratio(aino, bare, byRatio.get(0)),
                ratio(aino, bare, byRatio.get(byRatio.size() - 1)));
    report.row(label, aino.get(median), bare.get(median), spread);
  }

  private static double ratio(List<Figure> aino, List<Figure> bare, int round) {
    return aino.get(round).ratioTo(bare.get(round));
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
    Rounds<Throughput> rounds =
        inRounds(
            round -> conditionalWrites(aino, "cas" + threads + "r" + round, threads),
            bare == null
                ? null
                : round -> conditionalWrites(bare, "cas" + threads + "r" + round, threads));
    String label = threads == 1 ? "1 thread" : threads + " threads";
    row("conditional writes (" + label + ")", rounds, Figure::rate);
    cpuRow("CPU per write (" + label + ")", "write", rounds);
  }

  /** The CPU time behind a measurement, in a row under it. */
  private void cpuRow(String label, String item, Rounds<Throughput> rounds) {
    row("  " + label, rounds, t -> Figure.cpu(t, item));
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

  /**
   * Every round loads fresh stores; the lists then read the last round's, which hold exactly the
   * batches' instances.
   */
  private void batchesAndLists() throws Exception {
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      List<AinoTarget> ainoStores = new ArrayList<>();
      List<WriteTarget> bareStores = new ArrayList<>();
      for (int round = 0; round < settings.rounds(); round++) {
        AinoTarget aino = openAino();
        opened.add(aino);
        ainoStores.add(aino);
        WriteTarget bare = openBare();
        if (bare != null) {
          opened.add(bare);
          bareStores.add(bare);
        }
      }
      Rounds<Throughput> loads =
          inRounds(
              round -> load(ainoStores.get(round)),
              bareStores.isEmpty() ? null : round -> load(bareStores.get(round)));
      row(
          "batched creates (" + BatchWrites.BATCH + " per commit)",
          loads,
          BackendBench::loadFigure);
      cpuRow("CPU per instance (batched)", "instance", loads);

      AinoTarget aino = ainoStores.get(ainoStores.size() - 1);
      ReadTarget bareReads =
          !bareStores.isEmpty() && bareStores.get(bareStores.size() - 1) instanceof ReadTarget r
              ? r
              : null;
      String workload = "bulk" + (WORKLOADS / 2);
      listRows(
          String.format(Locale.ROOT, "list 1 workload (%,d instances)", PER_WORKLOAD),
          "CPU per list (1 workload)",
          inRounds(
              round -> listWorkload(aino, workload),
              bareReads == null ? null : round -> listWorkload(bareReads, workload)));
      listRows(
          String.format(Locale.ROOT, "list all %,d instances", LISTED),
          "CPU per list (all)",
          inRounds(round -> listAll(aino), bareReads == null ? null : round -> listAll(bareReads)));
    } finally {
      for (AutoCloseable target : opened) {
        target.close();
      }
    }
  }

  private static Throughput load(WriteTarget target) throws Exception {
    return BatchWrites.load(target, "bulk", WORKLOADS, PER_WORKLOAD);
  }

  private static Figure loadFigure(Throughput load) {
    return Figure.itemRate(load, "instances", "commit");
  }

  private void listRows(String label, String cpuLabel, Rounds<Throughput> rounds) {
    row(label, rounds, Figure::perCall);
    cpuRow(cpuLabel, "list", rounds);
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
    Rounds<WatchLatency.Result> rounds =
        inRounds(
            round -> watch(aino, "watch" + round),
            bare == null ? null : round -> watch(bare, "watch" + round));
    row("watch delivery (" + WATCH_RATE + " writes/s)", rounds, r -> Figure.latency(r.latencies()));
    rounds.aino().forEach(r -> reportMissed("aino", r));
    if (bare != null) {
      rounds.bare().forEach(r -> reportMissed(bare.name(), r));
    }
  }

  private WatchLatency.Result watch(ReadTarget target, String run) throws Exception {
    return WatchLatency.run(target, run, WATCH_RATE, settings.warmup(), settings.measure());
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
