package dev.aino.bench.store;

import dev.aino.bench.Args;
import java.time.Duration;
import java.util.List;

/**
 * The options of the store benchmark.
 *
 * @param backends which backends to measure, in order
 * @param threads writer threads of the concurrent conditional writes
 * @param warmup untimed running before each timed measurement
 * @param measure how long each timed measurement runs
 * @param checkPerf whether to run {@code etcdctl check perf} after the etcd measurements
 * @param rounds how many times each measurement runs, aino and the baseline in turn
 */
record StoreBenchSettings(
    List<String> backends,
    int threads,
    Duration warmup,
    Duration measure,
    boolean checkPerf,
    int rounds) {

  static final List<String> BACKENDS = List.of("memory", "sqlite", "etcd");

  StoreBenchSettings {
    backends = List.copyOf(backends);
    for (String backend : backends) {
      if (!BACKENDS.contains(backend)) {
        throw new Args.UsageException(
            "--backend must be memory, sqlite, etcd or all, got " + backend);
      }
    }
    if (threads < 1 || threads > 256) {
      throw new Args.UsageException("--threads must be 1 to 256, got " + threads);
    }
    if (rounds < 1 || rounds > 15) {
      throw new Args.UsageException("--rounds must be 1 to 15, got " + rounds);
    }
    if (measure.isNegative() || measure.isZero() || measure.toMinutes() > 10) {
      throw new Args.UsageException("--seconds must be 1 to 600, got " + measure.toSeconds());
    }
  }

  /** The options {@link #of} reads. */
  static final List<String> OPTIONS =
      List.of("backend", "check-perf", "rounds", "seconds", "threads");

  /** From {@code --backend --threads --seconds --check-perf --rounds}. */
  static StoreBenchSettings of(Args args) {
    String backend = args.text("backend", "all");
    String checkPerf = args.text("check-perf", "true");
    if (!checkPerf.equals("true") && !checkPerf.equals("false")) {
      throw new Args.UsageException("--check-perf must be true or false, got " + checkPerf);
    }
    return new StoreBenchSettings(
        backend.equals("all") ? BACKENDS : List.of(backend),
        args.integer("threads", 8),
        Duration.ofSeconds(1),
        Duration.ofSeconds(args.integer("seconds", 2)),
        Boolean.parseBoolean(checkPerf),
        args.integer("rounds", 3));
  }
}
